package dev.agentmetrics.autoconfigure;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * General configuration of agent-metrics.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics")
@Validated
public class AgentMetricsProperties {

	/**
	 * Whether to enable agent-metrics.
	 */
	private boolean enabled = true;

	/**
	 * Agent tag of calls that do not name their agent.
	 */
	@NotBlank(message = "agent-metrics.default-agent must not be empty")
	private String defaultAgent = "default";

	/**
	 * How many distinct values each tag of each meter may have; further values are recorded
	 * as "other", so that unbounded names cannot grow series and memory without end.
	 */
	@Min(value = 1, message = "agent-metrics.max-tag-values must be at least 1")
	private int maxTagValues = 100;

	/**
	 * Whether to give failed LLM calls, runs and tool calls histogram buckets too. Without,
	 * they keep their count, sum and max; latency quantiles read successful calls.
	 */
	private boolean failedCallHistograms;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxTagValues() {
		return this.maxTagValues;
	}

	public void setMaxTagValues(int maxTagValues) {
		this.maxTagValues = maxTagValues;
	}

	public boolean isFailedCallHistograms() {
		return this.failedCallHistograms;
	}

	public void setFailedCallHistograms(boolean failedCallHistograms) {
		this.failedCallHistograms = failedCallHistograms;
	}

	public String getDefaultAgent() {
		return this.defaultAgent;
	}

	public void setDefaultAgent(String defaultAgent) {
		this.defaultAgent = defaultAgent;
	}

}
