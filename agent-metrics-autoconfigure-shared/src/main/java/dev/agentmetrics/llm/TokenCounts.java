package dev.agentmetrics.llm;

/**
 * Receives the tokens a {@link UsageReader} read, as numbers, so that reading the usage of
 * a call allocates nothing.
 *
 * @author agent-metrics
 */
@FunctionalInterface
public interface TokenCounts {

	/**
	 * Take the tokens of one usage.
	 * @param input every prompt token billed, cache reads and writes included
	 * @param output every completion token billed, reasoning included
	 * @param cacheRead the prompt tokens read from the prompt cache
	 * @param cacheWrite the prompt tokens written to the prompt cache
	 * @param reasoning the completion tokens spent on reasoning
	 * @param cacheWrite1h the part of {@code cacheWrite} written to a one-hour cache
	 */
	void tokens(long input, long output, long cacheRead, long cacheWrite, long reasoning, long cacheWrite1h);

	/**
	 * Take the tokens of one usage without one-hour cache writes.
	 * @param input every prompt token billed, cache reads and writes included
	 * @param output every completion token billed, reasoning included
	 * @param cacheRead the prompt tokens read from the prompt cache
	 * @param cacheWrite the prompt tokens written to the prompt cache
	 * @param reasoning the completion tokens spent on reasoning
	 */
	default void tokens(long input, long output, long cacheRead, long cacheWrite, long reasoning) {
		tokens(input, output, cacheRead, cacheWrite, reasoning, 0);
	}

}
