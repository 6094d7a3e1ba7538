package dev.agentmetrics.resilience;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.support.FailOpenLogger;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;

/**
 * Gives every circuit breaker of a {@link CircuitBreakerRegistry}, those added after
 * start-up included, a state gauge (0 closed, 1 open, 2 half_open, 3 forced_open, 4
 * disabled, 5 metrics_only) and a transition counter, and publishes a
 * {@link CircuitBreakerStateChangedEvent} for each transition. Resilience4j's own meters are
 * left as they are.
 *
 * @author agent-metrics
 */
public class CircuitBreakerStateMetrics implements SmartInitializingSingleton {

	private static final FailOpenLogger logger = new FailOpenLogger(CircuitBreakerStateMetrics.class);

	private final CircuitBreakerRegistry circuitBreakers;

	private final MeterRegistry registry;

	@Nullable
	private final ApplicationEventPublisher eventPublisher;

	private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();

	/**
	 * Create an instance.
	 * @param circuitBreakers the breakers to watch
	 * @param registry the registry to record into
	 * @param eventPublisher the publisher of state-change events, or {@code null}
	 */
	public CircuitBreakerStateMetrics(CircuitBreakerRegistry circuitBreakers, MeterRegistry registry,
			@Nullable ApplicationEventPublisher eventPublisher) {
		this.circuitBreakers = circuitBreakers;
		this.registry = registry;
		this.eventPublisher = eventPublisher;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.circuitBreakers.getEventPublisher()
			.onEntryAdded((event) -> bind(event.getAddedEntry()))
			.onEntryRemoved((event) -> unbind(event.getRemovedEntry()))
			.onEntryReplaced((event) -> {
				unbind(event.getOldEntry());
				bind(event.getNewEntry());
			});
		this.circuitBreakers.getAllCircuitBreakers().forEach(this::bind);
	}

	private void bind(CircuitBreaker circuitBreaker) {
		try {
			String name = circuitBreaker.getName();
			this.gauges.computeIfAbsent(name,
					(key) -> AgentMeters.CIRCUIT_BREAKER_STATE.gauge(circuitBreaker, (breaker) -> code(breaker.getState()), name)
						.register(this.registry));
			circuitBreaker.getEventPublisher().onStateTransition((event) -> {
				String from = tagValue(event.getStateTransition().getFromState());
				String to = tagValue(event.getStateTransition().getToState());
				transitions(name, from, to).increment();
				if (this.eventPublisher != null) {
					this.eventPublisher.publishEvent(new CircuitBreakerStateChangedEvent(this, name, from, to));
				}
			});
		}
		catch (Throwable ex) {
			logger.recordingFailed("watching a circuit breaker", ex);
		}
	}

	private void unbind(CircuitBreaker circuitBreaker) {
		Gauge gauge = this.gauges.remove(circuitBreaker.getName());
		if (gauge != null) {
			this.registry.remove(gauge);
		}
	}

	private Counter transitions(String name, String from, String to) {
		// Transitions are rare: no cache beyond the registry's own.
		return AgentMeters.CIRCUIT_BREAKER_TRANSITIONS.counter(name, from, to).register(this.registry);
	}

	static double code(CircuitBreaker.State state) {
		return switch (state) {
			case CLOSED -> 0;
			case OPEN -> 1;
			case HALF_OPEN -> 2;
			case FORCED_OPEN -> 3;
			case DISABLED -> 4;
			case METRICS_ONLY -> 5;
		};
	}

	static String tagValue(CircuitBreaker.State state) {
		return state.name().toLowerCase(Locale.ROOT);
	}

}
