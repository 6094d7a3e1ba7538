package dev.agentmetrics.llm;

/**
 * Tokens one LLM call was billed for, in agent-metrics' normalized form: {@code input}
 * counts every prompt token, cache reads and writes included, and {@code output} every
 * completion token, reasoning included.
 *
 * @param input prompt tokens, cached ones included
 * @param output completion tokens, reasoning included
 * @param cacheRead prompt tokens read from the provider's prompt cache
 * @param cacheWrite prompt tokens written to the provider's prompt cache
 * @param reasoning completion tokens spent on reasoning
 * @param cacheWrite1h the part of {@code cacheWrite} written to Anthropic's one-hour cache,
 * which costs more than its five-minute one
 * @author agent-metrics
 */
public record TokenUsage(long input, long output, long cacheRead, long cacheWrite, long reasoning,
		long cacheWrite1h) {

	/** No tokens. */
	public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0);

	/**
	 * Create a usage without one-hour cache writes.
	 * @param input prompt tokens, cached ones included
	 * @param output completion tokens, reasoning included
	 * @param cacheRead prompt tokens read from the provider's prompt cache
	 * @param cacheWrite prompt tokens written to the provider's prompt cache
	 * @param reasoning completion tokens spent on reasoning
	 */
	public TokenUsage(long input, long output, long cacheRead, long cacheWrite, long reasoning) {
		this(input, output, cacheRead, cacheWrite, reasoning, 0);
	}

	/**
	 * Return the sum of this usage and another.
	 * @param other the other usage
	 * @return the sum
	 */
	public TokenUsage plus(TokenUsage other) {
		return new TokenUsage(this.input + other.input, this.output + other.output, this.cacheRead + other.cacheRead,
				this.cacheWrite + other.cacheWrite, this.reasoning + other.reasoning,
				this.cacheWrite1h + other.cacheWrite1h);
	}

	/**
	 * Return whether any count is negative, which no provider bills.
	 * @return whether this usage is invalid
	 */
	public boolean hasNegative() {
		return (this.input | this.output | this.cacheRead | this.cacheWrite | this.reasoning | this.cacheWrite1h) < 0;
	}

}
