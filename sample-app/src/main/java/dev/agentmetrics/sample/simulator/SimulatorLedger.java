package dev.agentmetrics.sample.simulator;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.agentmetrics.sample.simulator.OpenAiWire.Usage;

/**
 * What the simulator has billed since start-up, in total and by the model its responses
 * named, so that the metrics agent-metrics records can be checked against it; served at
 * {@code GET /simulator/ledger}.
 *
 * @author agent-metrics
 */
public class SimulatorLedger {

	private long requests;

	private long streamedRequests;

	private long promptTokens;

	private long completionTokens;

	private long cachedTokens;

	private long reasoningTokens;

	private long cacheHits;

	private long cacheMisses;

	private long rateLimited;

	private long serverErrors;

	private long streamedRateLimited;

	private long streamedServerErrors;

	private long slowResponses;

	private final Map<String, ModelTotals> models = new TreeMap<>();

	/**
	 * Record a request answered with a completion.
	 * @param model the model the response named
	 * @param usage the usage billed for it
	 * @param stream whether it was streamed
	 * @param slow whether it was deliberately slowed down
	 */
	public synchronized void billed(String model, Usage usage, boolean stream, boolean slow) {
		this.requests++;
		if (stream) {
			this.streamedRequests++;
		}
		if (slow) {
			this.slowResponses++;
		}
		this.promptTokens += usage.promptTokens();
		this.completionTokens += usage.completionTokens();
		int cached = usage.promptTokensDetails().cachedTokens();
		this.cachedTokens += cached;
		this.reasoningTokens += usage.completionTokensDetails().reasoningTokens();
		if (cached > 0) {
			this.cacheHits++;
		}
		else {
			this.cacheMisses++;
		}
		this.models.merge(model, ModelTotals.of(usage), ModelTotals::plus);
	}

	/**
	 * Record a request answered with {@code 429 Too Many Requests}.
	 * @param stream whether it asked for a stream
	 */
	public synchronized void rateLimited(boolean stream) {
		this.rateLimited++;
		if (stream) {
			this.streamedRateLimited++;
		}
	}

	/**
	 * Record a request answered with {@code 500 Internal Server Error} (or, in a timeouts
	 * outage, {@code 504 Gateway Timeout}).
	 * @param stream whether it asked for a stream
	 */
	public synchronized void serverError(boolean stream) {
		this.serverErrors++;
		if (stream) {
			this.streamedServerErrors++;
		}
	}

	/**
	 * Return a consistent copy of the totals.
	 * @return the totals so far
	 */
	public synchronized Totals totals() {
		return new Totals(this.requests, this.streamedRequests, this.promptTokens, this.completionTokens,
				this.cachedTokens, this.reasoningTokens, this.cacheHits, this.cacheMisses, this.rateLimited,
				this.serverErrors, this.streamedRateLimited, this.streamedServerErrors, this.slowResponses, Collections.unmodifiableMap(new TreeMap<>(this.models)));
	}

	/**
	 * Totals billed by the simulator.
	 *
	 * @param requests requests answered with a completion
	 * @param streamedRequests of which streamed
	 * @param promptTokens prompt tokens billed, cached ones included
	 * @param completionTokens completion tokens billed, reasoning ones included
	 * @param cachedTokens prompt tokens reported as read from the prompt cache
	 * @param reasoningTokens completion tokens reported as spent on reasoning
	 * @param cacheHits completions that reported cached tokens
	 * @param cacheMisses completions that reported none
	 * @param rateLimited requests answered with 429
	 * @param serverErrors requests answered with 500 (or 504 in a timeouts outage)
	 * @param streamedRateLimited of the requests answered with 429, those that asked for a
	 * stream
	 * @param streamedServerErrors of the requests answered with 500 (or 504), those that asked
	 * for a stream
	 * @param slowResponses completions deliberately slowed down
	 * @param models the completions' totals by the model their responses named, such as
	 * {@code gpt-4o-mini-2024-07-18}
	 */
	public record Totals(long requests, long streamedRequests, long promptTokens, long completionTokens,
			long cachedTokens, long reasoningTokens, long cacheHits, long cacheMisses, long rateLimited,
			long serverErrors, long streamedRateLimited, long streamedServerErrors, long slowResponses,
			Map<String, ModelTotals> models) {

		/**
		 * Return what was billed between an earlier snapshot and this one.
		 * @param earlier the earlier snapshot
		 * @return the difference
		 */
		public Totals minus(Totals earlier) {
			Map<String, ModelTotals> models = new TreeMap<>();
			this.models.forEach((model, totals) -> {
				ModelTotals before = earlier.models.get(model);
				models.put(model, (before != null) ? totals.minus(before) : totals);
			});
			return new Totals(this.requests - earlier.requests, this.streamedRequests - earlier.streamedRequests,
					this.promptTokens - earlier.promptTokens, this.completionTokens - earlier.completionTokens,
					this.cachedTokens - earlier.cachedTokens, this.reasoningTokens - earlier.reasoningTokens,
					this.cacheHits - earlier.cacheHits, this.cacheMisses - earlier.cacheMisses,
					this.rateLimited - earlier.rateLimited, this.serverErrors - earlier.serverErrors,
					this.streamedRateLimited - earlier.streamedRateLimited,
					this.streamedServerErrors - earlier.streamedServerErrors, this.slowResponses - earlier.slowResponses, Collections.unmodifiableMap(models));
		}

	}

	/**
	 * What the simulator billed for one model: the model's share of {@link Totals}.
	 *
	 * @param requests requests answered with a completion
	 * @param promptTokens prompt tokens billed, cached ones included
	 * @param completionTokens completion tokens billed, reasoning ones included
	 * @param cachedTokens prompt tokens reported as read from the prompt cache
	 * @param reasoningTokens completion tokens reported as spent on reasoning
	 * @param cacheHits completions that reported cached tokens
	 * @param cacheMisses completions that reported none
	 */
	public record ModelTotals(long requests, long promptTokens, long completionTokens, long cachedTokens,
			long reasoningTokens, long cacheHits, long cacheMisses) {

		static ModelTotals of(Usage usage) {
			int cached = usage.promptTokensDetails().cachedTokens();
			return new ModelTotals(1, usage.promptTokens(), usage.completionTokens(), cached,
					usage.completionTokensDetails().reasoningTokens(), (cached > 0) ? 1 : 0, (cached > 0) ? 0 : 1);
		}

		ModelTotals plus(ModelTotals other) {
			return new ModelTotals(this.requests + other.requests, this.promptTokens + other.promptTokens,
					this.completionTokens + other.completionTokens, this.cachedTokens + other.cachedTokens,
					this.reasoningTokens + other.reasoningTokens, this.cacheHits + other.cacheHits,
					this.cacheMisses + other.cacheMisses);
		}

		ModelTotals minus(ModelTotals earlier) {
			return new ModelTotals(this.requests - earlier.requests, this.promptTokens - earlier.promptTokens,
					this.completionTokens - earlier.completionTokens, this.cachedTokens - earlier.cachedTokens,
					this.reasoningTokens - earlier.reasoningTokens, this.cacheHits - earlier.cacheHits,
					this.cacheMisses - earlier.cacheMisses);
		}

	}

}
