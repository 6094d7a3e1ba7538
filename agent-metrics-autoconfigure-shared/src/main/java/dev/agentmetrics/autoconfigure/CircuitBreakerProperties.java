package dev.agentmetrics.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.resilience.CircuitBreakerAdvisor;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Resilience4j circuit breaker around LLM calls.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.circuit-breaker")
public class CircuitBreakerProperties {

	/**
	 * Whether to run every ChatClient call inside a circuit breaker from the application's
	 * CircuitBreakerRegistry.
	 */
	private boolean enabled = true;

	/**
	 * Name of the one circuit breaker all ChatClient calls use. When not set, each
	 * provider has its own, named after it (openai, anthropic, ...).
	 */
	private String instance;

	/**
	 * Kinds of failure that count toward opening the breaker; others release their
	 * permission without being recorded.
	 */
	private Set<ErrorKind> recordKinds = new LinkedHashSet<>(CircuitBreakerAdvisor.DEFAULT_RECORD_KINDS);

	/**
	 * Order of the circuit-breaker advisor in every ChatClient's advisor chain; lower is
	 * outer. It must be inside the metrics advisor for rejected calls to be recorded.
	 */
	private int advisorOrder = CircuitBreakerAdvisor.DEFAULT_ORDER;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getInstance() {
		return this.instance;
	}

	public void setInstance(String instance) {
		this.instance = instance;
	}

	public Set<ErrorKind> getRecordKinds() {
		return this.recordKinds;
	}

	public void setRecordKinds(Set<ErrorKind> recordKinds) {
		this.recordKinds = recordKinds;
	}

	public int getAdvisorOrder() {
		return this.advisorOrder;
	}

	public void setAdvisorOrder(int advisorOrder) {
		this.advisorOrder = advisorOrder;
	}

}
