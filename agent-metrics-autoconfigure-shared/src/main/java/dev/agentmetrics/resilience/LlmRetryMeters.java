package dev.agentmetrics.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code agent.llm.retries} counters, by agent, provider and the kind of failure that
 * caused each retry, whatever retried: Spring AI 1.1's {@code RetryTemplate} or the OpenAI
 * SDK under Spring AI 2.0. Cached per tag set; fail-open.
 *
 * @author agent-metrics
 */
public class LlmRetryMeters {

	private static final FailOpenLogger logger = new FailOpenLogger(LlmRetryMeters.class);

	private final MeterRegistry registry;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private final TagValueLimiter.Limit agents;

	private final TagValueLimiter.Limit providers;

	/**
	 * Create the counters of the given registry, bounding the values of their tags.
	 * @param registry the registry to record into
	 * @param tagValueLimiter the bounds of tag values
	 */
	public LlmRetryMeters(MeterRegistry registry, TagValueLimiter tagValueLimiter) {
		this.registry = registry;
		this.agents = tagValueLimiter.limit(AgentMeters.LLM_RETRIES.getName(), AgentTag.AGENT.asString());
		this.providers = tagValueLimiter.limit(AgentMeters.LLM_RETRIES.getName(), AgentTag.PROVIDER.asString());
	}

	/**
	 * Count one retry.
	 * @param agent the agent of the call
	 * @param provider the provider the request went to
	 * @param cause the kind of the failure that caused the retry
	 */
	public void retried(String agent, String provider, ErrorKind cause) {
		try {
			Key key = new Key(this.agents.apply(agent), this.providers.apply(provider), cause);
			Counter counter = this.counters.get(key);
			(counter != null ? counter : this.counters.computeIfAbsent(key, this::register)).increment();
		}
		catch (Throwable ex) {
			logger.recordingFailed("counting a retry", ex);
		}
	}

	private Counter register(Key key) {
		return AgentMeters.LLM_RETRIES.counter(key.agent(), key.provider(), key.cause().tagValue())
			.register(this.registry);
	}

	private record Key(String agent, String provider, ErrorKind cause) {
	}

}
