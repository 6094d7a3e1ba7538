package dev.agentmetrics.error;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.agentmetrics.AgentMeters;

/**
 * Counts errors in {@code agent.errors} by agent, source and kind, with one cached counter
 * per tag set.
 *
 * @author agent-metrics
 */
public class ErrorMetrics {

	private final MeterRegistry registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Create an instance recording into the given registry.
	 * @param registry the registry
	 */
	public ErrorMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Count one error.
	 * @param agent the agent
	 * @param source where the error happened, such as {@code llm}
	 * @param kind the kind of error
	 */
	public void record(String agent, String source, ErrorKind kind) {
		Key key = new Key(agent, source, kind);
		Counter counter = this.counters.get(key);
		(counter != null ? counter : this.counters.computeIfAbsent(key, this::register)).increment();
	}

	private Counter register(Key key) {
		return AgentMeters.ERRORS.counter(key.agent(), key.source(), key.kind().tagValue()).register(this.registry);
	}

	private record Key(String agent, String source, ErrorKind kind) {
	}

}
