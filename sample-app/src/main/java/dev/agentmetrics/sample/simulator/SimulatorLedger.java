package dev.agentmetrics.sample.simulator;

import dev.agentmetrics.sample.simulator.OpenAiWire.Usage;

/**
 * What the simulator has billed since start-up, so that the metrics agent-metrics records
 * can be checked against it; served at {@code GET /simulator/ledger}.
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

	private long slowResponses;

	/**
	 * Record a request answered with a completion.
	 * @param usage the usage billed for it
	 * @param stream whether it was streamed
	 * @param slow whether it was deliberately slowed down
	 */
	public synchronized void billed(Usage usage, boolean stream, boolean slow) {
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
	}

	/**
	 * Record a request answered with {@code 429 Too Many Requests}.
	 */
	public synchronized void rateLimited() {
		this.rateLimited++;
	}

	/**
	 * Record a request answered with {@code 500 Internal Server Error}.
	 */
	public synchronized void serverError() {
		this.serverErrors++;
	}

	/**
	 * Return a consistent copy of the totals.
	 * @return the totals so far
	 */
	public synchronized Totals totals() {
		return new Totals(this.requests, this.streamedRequests, this.promptTokens, this.completionTokens,
				this.cachedTokens, this.reasoningTokens, this.cacheHits, this.cacheMisses, this.rateLimited,
				this.serverErrors, this.slowResponses);
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
	 * @param serverErrors requests answered with 500
	 * @param slowResponses completions deliberately slowed down
	 */
	public record Totals(long requests, long streamedRequests, long promptTokens, long completionTokens,
			long cachedTokens, long reasoningTokens, long cacheHits, long cacheMisses, long rateLimited,
			long serverErrors, long slowResponses) {

		/**
		 * Return what was billed between an earlier snapshot and this one.
		 * @param earlier the earlier snapshot
		 * @return the difference
		 */
		public Totals minus(Totals earlier) {
			return new Totals(this.requests - earlier.requests, this.streamedRequests - earlier.streamedRequests,
					this.promptTokens - earlier.promptTokens, this.completionTokens - earlier.completionTokens,
					this.cachedTokens - earlier.cachedTokens, this.reasoningTokens - earlier.reasoningTokens,
					this.cacheHits - earlier.cacheHits, this.cacheMisses - earlier.cacheMisses,
					this.rateLimited - earlier.rateLimited, this.serverErrors - earlier.serverErrors,
					this.slowResponses - earlier.slowResponses);
		}

	}

}
