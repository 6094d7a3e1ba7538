package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.tool.LoopDetection;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of tool-loop detection.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.loop-detection")
@Validated
public class LoopDetectionProperties {

	/**
	 * Whether to detect tool loops: the same tool called with the same arguments too often
	 * within one run, or one ChatClient call outside runs.
	 */
	private boolean enabled = true;

	/**
	 * How many of the most recent tool calls to look at.
	 */
	@Min(value = 2, message = "agent-metrics.loop-detection.window-size must be at least 2")
	private int windowSize = 8;

	/**
	 * How many calls of the same tool with the same arguments within the window make a
	 * loop; at least 2 and at most the window size.
	 */
	@Min(value = 2, message = "agent-metrics.loop-detection.max-repeats must be at least 2")
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
