package dev.agentmetrics.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the metrics of agent runs.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.runs")
public class RunMetricsProperties {

	/**
	 * Whether to record agent runs: the @AgentRun advice and the AgentRuns API.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
