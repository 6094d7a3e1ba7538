package dev.agentmetrics.llm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.NameCache;
import dev.agentmetrics.support.PerOutcome;
import dev.agentmetrics.support.TagValueLimiter;

import org.springframework.lang.Nullable;

/**
 * The meters of ChatClient calls, one set per agent, provider and model after tag limits,
 * registered on first use and cached, so that recording a call looks meters up by the
 * names it gave without building a tag set.
 *
 * @author agent-metrics
 */
final class LlmMeters {

	private static final FailOpenLogger logger = new FailOpenLogger(LlmMeters.class);

	private static final String SERIES = "agent.llm";

	private final MeterRegistry registry;

	private final Map<ModelKey, ModelMeters> meters = new ConcurrentHashMap<>();

	private final NameCache<ModelMeters> callSeries = new NameCache<>();

	private final Map<String, Counter> unpriced = new ConcurrentHashMap<>();

	private final TagValueLimiter.Limit agents;

	private final TagValueLimiter.Limit providers;

	private final TagValueLimiter.Limit models;

	LlmMeters(MeterRegistry registry, TagValueLimiter tagValueLimiter) {
		this.registry = registry;
		this.agents = tagValueLimiter.limit(SERIES, AgentTag.AGENT.asString());
		this.providers = tagValueLimiter.limit(SERIES, AgentTag.PROVIDER.asString());
		this.models = tagValueLimiter.limit(SERIES, AgentTag.MODEL.asString());
	}

	/**
	 * Return the meters of calls with the given names, before tag limits.
	 * @param agent the agent
	 * @param provider the provider
	 * @param model the model
	 * @return the meters
	 */
	ModelMeters of(String agent, String provider, String model) {
		ModelMeters cached = this.callSeries.get(agent, provider, model);
		if (cached != null) {
			return cached;
		}
		ModelKey key = new ModelKey(this.agents.apply(agent), this.providers.apply(provider),
				this.models.apply(model));
		// get() first: computeIfAbsent may lock its bin even when the key is present.
		ModelMeters modelMeters = this.meters.get(key);
		if (modelMeters == null) {
			modelMeters = this.meters.computeIfAbsent(key, (k) -> new ModelMeters(this.registry, k));
		}
		return this.callSeries.put(agent, provider, model, modelMeters);
	}

	/**
	 * Count a call of a model that has no price.
	 * @param model the model tag value
	 * @param pricedModel the name the call was priced by, which the warning names
	 */
	void unpriced(String model, String pricedModel) {
		Counter counter = this.unpriced.get(model);
		if (counter == null) {
			counter = this.unpriced.computeIfAbsent(model, (key) -> registerUnpriced(key, pricedModel));
		}
		counter.increment();
	}

	private Counter registerUnpriced(String model, String pricedModel) {
		logger.warnOnce("unpriced:" + pricedModel, "agent-metrics has no price for model '" + pricedModel
				+ "'; its calls add no cost. Set agent-metrics.pricing.models.[" + pricedModel + "].input and .output");
		return AgentMeters.LLM_UNPRICED_CALLS.counter(model).register(this.registry);
	}

	/** The tag values of one set of meters. */
	record ModelKey(String agent, String provider, String model) {
	}

	/** The meters of one agent, provider and model. */
	static final class ModelMeters {

		private final MeterRegistry registry;

		final ModelKey key;

		private final PerOutcome<Timer> blocking;

		private final PerOutcome<Timer> streaming;

		// Registered on first use, so that unused combinations publish no series. A race
		// registers twice, and the registry returns the same meter both times.
		@Nullable
		private Timer timeToFirstToken;

		@Nullable
		private Counter cost;

		@Nullable
		private UsageMeters usage;

		ModelMeters(MeterRegistry registry, ModelKey key) {
			this.registry = registry;
			this.key = key;
			this.blocking = new PerOutcome<>((error) -> registerRequests(error, false));
			this.streaming = new PerOutcome<>((error) -> registerRequests(error, true));
		}

		Timer requests(@Nullable ErrorKind error, boolean stream) {
			return (stream ? this.streaming : this.blocking).get(error);
		}

		private Timer registerRequests(@Nullable ErrorKind error, boolean stream) {
			return AgentMeters.LLM_REQUESTS
				.timer(this.key.agent(), this.key.provider(), this.key.model(),
						(error != null) ? AgentTag.OUTCOME_ERROR : AgentTag.OUTCOME_SUCCESS,
						(error != null) ? error.tagValue() : AgentTag.ERROR_NONE, Boolean.toString(stream))
				.register(this.registry);
		}

		Timer timeToFirstToken() {
			Timer timer = this.timeToFirstToken;
			if (timer == null) {
				timer = AgentMeters.LLM_TIME_TO_FIRST_TOKEN.timer(this.key.agent(), this.key.provider(), this.key.model())
					.register(this.registry);
				this.timeToFirstToken = timer;
			}
			return timer;
		}

		Counter cost() {
			Counter counter = this.cost;
			if (counter == null) {
				counter = AgentMeters.LLM_COST.counter(this.key.agent(), this.key.provider(), this.key.model())
					.register(this.registry);
				this.cost = counter;
			}
			return counter;
		}

		UsageMeters usage() {
			UsageMeters meters = this.usage;
			if (meters == null) {
				meters = new UsageMeters(this.registry, this.key);
				this.usage = meters;
			}
			return meters;
		}

	}

	/** The counters of the usage of one agent, provider and model, all registered together. */
	static final class UsageMeters {

		private final Counter input;

		private final Counter output;

		private final Counter cacheRead;

		private final Counter cacheWrite;

		private final Counter reasoning;

		private final Counter cacheHits;

		private final Counter cacheMisses;

		UsageMeters(MeterRegistry registry, ModelKey key) {
			this.input = tokens(registry, key, AgentTag.TYPE_INPUT);
			this.output = tokens(registry, key, AgentTag.TYPE_OUTPUT);
			this.cacheRead = tokens(registry, key, AgentTag.TYPE_CACHE_READ);
			this.cacheWrite = tokens(registry, key, AgentTag.TYPE_CACHE_WRITE);
			this.reasoning = tokens(registry, key, AgentTag.TYPE_REASONING);
			this.cacheHits = promptCache(registry, key, AgentTag.RESULT_HIT);
			this.cacheMisses = promptCache(registry, key, AgentTag.RESULT_MISS);
		}

		/**
		 * Count the tokens of a call and its billed requests' prompt-cache results.
		 * @param input the input tokens
		 * @param output the output tokens
		 * @param cacheRead the input tokens read from the prompt cache
		 * @param cacheWrite the input tokens written to the prompt cache
		 * @param reasoning the output tokens spent on reasoning
		 * @param requests the billed requests that reported usage
		 * @param hits those of them that read from the prompt cache
		 */
		void record(long input, long output, long cacheRead, long cacheWrite, long reasoning, long requests,
				long hits) {
			increment(this.input, input);
			increment(this.output, output);
			increment(this.cacheRead, cacheRead);
			increment(this.cacheWrite, cacheWrite);
			increment(this.reasoning, reasoning);
			increment(this.cacheHits, hits);
			increment(this.cacheMisses, requests - hits);
		}

		private static void increment(Counter counter, long amount) {
			// Adding 0 changes nothing but still costs an atomic operation; most calls read
			// no cache and reason not at all.
			if (amount != 0) {
				counter.increment(amount);
			}
		}

		private static Counter tokens(MeterRegistry registry, ModelKey key, String type) {
			return AgentMeters.LLM_TOKENS.counter(key.agent(), key.provider(), key.model(), type).register(registry);
		}

		private static Counter promptCache(MeterRegistry registry, ModelKey key, String result) {
			return AgentMeters.LLM_PROMPT_CACHE.counter(key.agent(), key.provider(), key.model(), result)
				.register(registry);
		}

	}

}
