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
	 */
	void tokens(long input, long output, long cacheRead, long cacheWrite, long reasoning);

}
