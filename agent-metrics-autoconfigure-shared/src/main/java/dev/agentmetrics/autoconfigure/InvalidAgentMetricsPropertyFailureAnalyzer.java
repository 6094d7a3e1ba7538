package dev.agentmetrics.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Describes an {@link InvalidAgentMetricsPropertyException} as Spring Boot describes a
 * failed start-up: what is wrong and what to do, instead of a stack trace alone.
 *
 * @author agent-metrics
 */
class InvalidAgentMetricsPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidAgentMetricsPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidAgentMetricsPropertyException cause) {
		return new FailureAnalysis(
				"The agent-metrics property '" + cause.getProperty() + "' has the value '" + cause.getValue()
						+ "', which cannot be used" + ((cause.getReason() != null) ? ": " + cause.getReason() : "")
						+ ".",
				cause.getAction(), cause);
	}

}
