package dev.agentmetrics.integration;

import dev.agentmetrics.test.PrometheusText;

/**
 * What the provider integration tests read from a scrape: an agent's tokens of one type and
 * its cost, over all its series.
 */
final class CallMetrics {

	private CallMetrics() {
	}

	static double tokens(PrometheusText metrics, String agent, String type) {
		return metrics.sum("agent_llm_tokens_total", "agent", agent, "type", type);
	}

	static double cost(PrometheusText metrics, String agent) {
		return metrics.sum("agent_llm_cost_usd_total", "agent", agent);
	}

}
