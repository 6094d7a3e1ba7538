package dev.agentmetrics.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the metrics of tool calls.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.tools")
public class ToolMetricsProperties {

	/**
	 * Whether to record the tool calls Spring AI executes.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
