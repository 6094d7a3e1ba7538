package dev.agentmetrics.support;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The last few tool-call signatures of one run or one ChatClient call, for loop detection.
 * Lives as long as its run or call, so it needs no eviction.
 *
 * @author agent-metrics
 */
public final class RepeatWindow {

	private final ArrayDeque<String> recent = new ArrayDeque<>();

	private final Set<String> reported = new HashSet<>();

	/**
	 * Add a signature and return how often it occurs among the last {@code size} ones,
	 * itself included.
	 * @param signature the signature, such as a tool name and its normalized arguments
	 * @param size the window size
	 * @return the occurrences in the window
	 */
	public synchronized int add(String signature, int size) {
		this.recent.addLast(signature);
		while (this.recent.size() > size) {
			this.recent.removeFirst();
		}
		int count = 0;
		for (String each : this.recent) {
			if (each.equals(signature)) {
				count++;
			}
		}
		return count;
	}

	/**
	 * Mark a signature as reported.
	 * @param signature the signature
	 * @return whether it was not reported before
	 */
	public synchronized boolean firstReport(String signature) {
		return this.reported.add(signature);
	}

}
