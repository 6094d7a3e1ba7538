package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.tool.LoopDetection;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of tool-loop detection.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.loop-detection")
public class LoopDetectionProperties {

	/**
	 * Whether to detect tool loops: the same tool called with the same arguments too often
	 * within one run, or one ChatClient call outside runs.
	 */
	private boolean enabled = true;

	/**
	 * How many of the most recent tool calls to look at.
	 */
	private int windowSize = 8;

	/**
	 * How many calls of the same tool with the same arguments within the window make a
	 * loop; at least 2 and at most the window size.
	 */
	private int maxRepeats = 3;

	/**
	 * What to do about a loop: record (count it and log a warning) or block (also fail the
	 * tool call, which fails the ChatClient call and breaks the loop).
	 */
	private LoopDetection.Action action = LoopDetection.Action.RECORD;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getWindowSize() {
		return this.windowSize;
	}

	public void setWindowSize(int windowSize) {
		if (windowSize < 2) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.loop-detection.window-size", windowSize,
					"at least 2");
		}
		this.windowSize = windowSize;
	}

	public int getMaxRepeats() {
		return this.maxRepeats;
	}

	public void setMaxRepeats(int maxRepeats) {
		this.maxRepeats = maxRepeats;
	}

	public LoopDetection.Action getAction() {
		return this.action;
	}

	public void setAction(LoopDetection.Action action) {
		this.action = action;
	}

	/**
	 * Return these settings, checked.
	 * @return the settings
	 * @throws IllegalStateException naming the property when they are inconsistent
	 */
	LoopDetection toLoopDetection() {
		if (this.maxRepeats < 2 || this.maxRepeats > this.windowSize) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.loop-detection.max-repeats", this.maxRepeats,
					"between 2 and agent-metrics.loop-detection.window-size (" + this.windowSize + ")");
		}
		return new LoopDetection(this.enabled, this.windowSize, this.maxRepeats, this.action);
	}

}
