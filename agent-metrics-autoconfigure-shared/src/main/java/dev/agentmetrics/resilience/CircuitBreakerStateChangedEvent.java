package dev.agentmetrics.resilience;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a Resilience4j circuit breaker changes state, such as when a provider
 * outage opens the breaker of its LLM calls.
 *
 * @author agent-metrics
 */
public class CircuitBreakerStateChangedEvent extends ApplicationEvent {

	private final String name;

	private final String from;

	private final String to;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param name the breaker
	 * @param from the state it left, such as {@code closed}
	 * @param to the state it entered, such as {@code open}
	 */
	public CircuitBreakerStateChangedEvent(Object source, String name, String from, String to) {
		super(source);
		this.name = name;
		this.from = from;
		this.to = to;
	}

	public String getName() {
		return this.name;
	}

	public String getFrom() {
		return this.from;
	}

	public String getTo() {
		return this.to;
	}

	@Override
	public String toString() {
		return "CircuitBreakerStateChangedEvent[name=" + this.name + ", from=" + this.from + ", to=" + this.to + "]";
	}

}
