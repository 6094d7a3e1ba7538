package dev.agentmetrics.pricing;

/**
 * Prices of one model in USD per million tokens.
 *
 * @param input price of uncached prompt tokens
 * @param output price of completion tokens, reasoning tokens included
 * @param cacheRead price of prompt tokens read from the prompt cache
 * @param cacheWrite price of prompt tokens written to the prompt cache
 * @author agent-metrics
 */
public record ModelPrice(double input, double output, double cacheRead, double cacheWrite) {

	private static final double PER_TOKEN = 1_000_000d;

	/**
	 * Create a price whose cached tokens cost the same as uncached ones.
	 * @param input price of prompt tokens
	 * @param output price of completion tokens
	 * @return the price
	 */
	public static ModelPrice of(double input, double output) {
		return new ModelPrice(input, output, input, input);
	}

	/**
	 * Return the cost in USD of the given token counts. {@code input} includes the cached
	 * tokens, which are charged at their own prices and not again at the input price.
	 * @param input all prompt tokens, cache reads and writes included
	 * @param output all completion tokens, reasoning included
	 * @param cacheRead prompt tokens read from the cache
	 * @param cacheWrite prompt tokens written to the cache
	 * @return the cost in USD
	 */
	public double cost(long input, long output, long cacheRead, long cacheWrite) {
		long uncached = Math.max(0, input - cacheRead - cacheWrite);
		return (uncached * this.input + output * this.output + cacheRead * this.cacheRead
				+ cacheWrite * this.cacheWrite) / PER_TOKEN;
	}

	/**
	 * Return whether every price is a finite, non-negative number.
	 * @return whether this price can be used
	 */
	public boolean isValid() {
		return valid(this.input) && valid(this.output) && valid(this.cacheRead) && valid(this.cacheWrite);
	}

	private static boolean valid(double price) {
		return price >= 0 && Double.isFinite(price);
	}

}
