package dev.agentmetrics.autoconfigure;

import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * The circuit-breaker auto-configuration of resilience4j-spring-boot3, for the tests both lines share.
 */
final class BootResilience {

	private BootResilience() {
	}

	/**
	 * Return the auto-configuration of resilience4j's {@code CircuitBreakerRegistry}.
	 * @return the auto-configuration
	 */
	static AutoConfigurations circuitBreakers() {
		return AutoConfigurations.of(CircuitBreakerAutoConfiguration.class);
	}

}
