package dev.agentmetrics.tool;

import org.springframework.util.Assert;

/**
 * Settings of tool-loop detection: a loop is the same tool called with the same arguments
 * at least {@code maxRepeats} times within the last {@code windowSize} tool calls of a run,
 * or of a ChatClient call outside runs.
 *
 * @param enabled whether to detect loops
 * @param windowSize how many recent tool calls to look at
 * @param maxRepeats how many identical calls in the window make a loop
 * @param action what to do about a loop
 * @author agent-metrics
 */
public record LoopDetection(boolean enabled, int windowSize, int maxRepeats, Action action) {

	/** Loop detection with its defaults: a window of 8, 3 repeats, record only. */
	public static final LoopDetection DEFAULTS = new LoopDetection(true, 8, 3, Action.RECORD);

	/**
	 * Create settings.
	 * @param enabled whether to detect loops
	 * @param windowSize how many recent tool calls to look at
	 * @param maxRepeats how many identical calls in the window make a loop
	 * @param action what to do about a loop
	 */
	public LoopDetection {
		Assert.isTrue(maxRepeats >= 2, () -> "maxRepeats must be at least 2, was " + maxRepeats);
		Assert.isTrue(maxRepeats <= windowSize,
				() -> "maxRepeats (" + maxRepeats + ") must not exceed windowSize (" + windowSize + ")");
		Assert.notNull(action, "action must not be null");
	}

	/**
	 * What to do about a detected loop.
	 */
	public enum Action {

		/** Count it and log a warning. */
		RECORD,

		/** Count it, log a warning, and fail the tool call with a {@link ToolLoopDetectedException}. */
		BLOCK

	}

}
