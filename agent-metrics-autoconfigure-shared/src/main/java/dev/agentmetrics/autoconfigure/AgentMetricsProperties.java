package dev.agentmetrics.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * General configuration of agent-metrics.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics")
public class AgentMetricsProperties {

	/**
	 * Whether to enable agent-metrics.
	 */
	private boolean enabled = true;

	/**
	 * Agent tag of calls that do not name their agent.
	 */
	private String defaultAgent = "default";

	/**
	 * How many distinct values each tag of each meter may have; further values are recorded
	 * as "other", so that unbounded names cannot grow series and memory without end.
	 */
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
		// Checked here, on binding, rather than with Bean Validation, which an application
		// may lack, or have the API of without a provider, which fails every binding.
		if (maxTagValues < 1) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.max-tag-values", maxTagValues, "at least 1");
		}
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
		if (!StringUtils.hasText(defaultAgent)) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.default-agent", "(empty)", "a name");
		}
		this.defaultAgent = defaultAgent;
	}

}
