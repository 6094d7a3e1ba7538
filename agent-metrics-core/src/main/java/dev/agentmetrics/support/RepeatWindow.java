package dev.agentmetrics.support;

import java.util.Arrays;

/**
 * The fingerprints of the last few tool calls of one run or one ChatClient call, for loop
 * detection. Lives as long as its run or call, so it needs no eviction; holds fingerprints
 * rather than argument texts, so it holds no user data and a fixed amount of memory.
 *
 * @author agent-metrics
 * @see JsonFingerprint
 */
public final class RepeatWindow {

	private static final long[] NONE = new long[0];

	// A ring buffer of the last recent.length signatures; next is where the next goes.
	private long[] recent = NONE;

	private int size;

	private int next;

	private long[] reported = NONE;

	private int reportedCount;

	/**
	 * Add a signature and return how often it occurs among the last {@code size} ones,
	 * itself included.
	 * @param signature the signature, such as a fingerprint of a tool name and its
	 * arguments
	 * @param windowSize the window size
	 * @return the occurrences in the window
	 */
	public synchronized int add(long signature, int windowSize) {
		if (this.recent.length != windowSize) {
			resize(windowSize);
		}
		this.recent[this.next] = signature;
		this.next = (this.next + 1) % windowSize;
		if (this.size < windowSize) {
			this.size++;
		}
		int count = 0;
		for (int i = 0; i < this.size; i++) {
			if (this.recent[i] == signature) {
				count++;
			}
		}
		return count;
	}

	private void resize(int windowSize) {
		long[] resized = new long[windowSize];
		// Keep the newest signatures, oldest first.
		int kept = Math.min(this.size, windowSize);
		for (int i = 0; i < kept; i++) {
			int from = Math.floorMod(this.next - kept + i, Math.max(this.recent.length, 1));
			resized[i] = this.recent[from];
		}
		this.recent = resized;
		this.size = kept;
		this.next = kept % windowSize;
	}

	/**
	 * Mark a signature as reported.
	 * @param signature the signature
	 * @return whether it was not reported before
	 */
	public synchronized boolean firstReport(long signature) {
		for (int i = 0; i < this.reportedCount; i++) {
			if (this.reported[i] == signature) {
				return false;
			}
		}
		if (this.reportedCount == this.reported.length) {
			this.reported = Arrays.copyOf(this.reported, Math.max(4, this.reportedCount * 2));
		}
		this.reported[this.reportedCount++] = signature;
		return true;
	}

}
