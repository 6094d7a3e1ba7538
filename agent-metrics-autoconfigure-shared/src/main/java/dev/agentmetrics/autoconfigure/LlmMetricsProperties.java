package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetricsAdvisor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the metrics of ChatClient calls.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.llm")
public class LlmMetricsProperties {

	/**
	 * Whether to record ChatClient calls.
	 */
	private boolean enabled = true;

	/**
	 * Order of the metrics advisor in every ChatClient's advisor chain; lower is outer.
	 */
	private int advisorOrder = LlmMetricsAdvisor.DEFAULT_ORDER;

	/**
	 * Whether to read the usage of every billed request from OpenAI's responses, which
	 * keeps cached and reasoning tokens exact across Spring AI's internal tool loop.
	 */
	private boolean perRoundUsage = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getAdvisorOrder() {
		return this.advisorOrder;
	}

	public void setAdvisorOrder(int advisorOrder) {
		this.advisorOrder = advisorOrder;
	}

	public boolean isPerRoundUsage() {
		return this.perRoundUsage;
	}

	public void setPerRoundUsage(boolean perRoundUsage) {
		this.perRoundUsage = perRoundUsage;
	}

}
