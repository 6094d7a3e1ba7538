package dev.agentmetrics.pricing;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Prices of one model in USD per million tokens, with the prices of its long-context tier
 * when it has one.
 *
 * @param input price of prompt tokens not read from or written to the prompt cache
 * @param output price of completion tokens; of reasoning tokens too unless
 * {@code reasoning} prices them apart
 * @param cacheRead price of prompt tokens read from the prompt cache
 * @param cacheWrite price of prompt tokens written to the prompt cache, for Anthropic those
 * of its five-minute cache
 * @param cacheWrite1h price of prompt tokens written to Anthropic's one-hour cache
 * @param reasoning price of reasoning tokens, which providers bill as output
 * @param longContext the prices of calls whose prompt exceeds a number of tokens, or
 * {@code null} when the model has one price whatever the prompt's length
 * @author agent-metrics
 */
public record ModelPrice(double input, double output, double cacheRead, double cacheWrite, double cacheWrite1h,
		double reasoning, @Nullable LongContext longContext) {

	private static final double PER_TOKEN = 1_000_000d;

	/**
	 * Create a price whose one-hour cache writes cost what other cache writes cost and
	 * whose reasoning tokens cost what output tokens cost, with no long-context tier.
	 * @param input price of uncached prompt tokens
	 * @param output price of completion tokens, reasoning included
	 * @param cacheRead price of prompt tokens read from the prompt cache
	 * @param cacheWrite price of prompt tokens written to the prompt cache
	 */
	public ModelPrice(double input, double output, double cacheRead, double cacheWrite) {
		this(input, output, cacheRead, cacheWrite, cacheWrite, output, null);
	}

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
	 * Return this price with the given price of one-hour cache writes.
	 * @param price price of prompt tokens written to the one-hour cache
	 * @return the price
	 */
	public ModelPrice withCacheWrite1h(double price) {
		return new ModelPrice(this.input, this.output, this.cacheRead, this.cacheWrite, price, this.reasoning,
				this.longContext);
	}

	/**
	 * Return this price with the given price of reasoning tokens.
	 * @param price price of reasoning tokens
	 * @return the price
	 */
	public ModelPrice withReasoning(double price) {
		return new ModelPrice(this.input, this.output, this.cacheRead, this.cacheWrite, this.cacheWrite1h, price,
				this.longContext);
	}

	/**
	 * Return this price with a long-context tier: a call whose prompt has more than
	 * {@code threshold} tokens, cached ones included, is priced at {@code price} as a whole,
	 * as the providers bill it.
	 * @param threshold the most prompt tokens priced at this price
	 * @param price the price of calls with longer prompts
	 * @return the price
	 */
	public ModelPrice withLongContext(long threshold, ModelPrice price) {
		return new ModelPrice(this.input, this.output, this.cacheRead, this.cacheWrite, this.cacheWrite1h,
				this.reasoning, new LongContext(threshold, price));
	}

	/**
	 * Return the cost in USD of the given token counts, with no one-hour cache writes and
	 * no reasoning priced apart.
	 * @param input all prompt tokens, cache reads and writes included
	 * @param output all completion tokens, reasoning included
	 * @param cacheRead prompt tokens read from the cache
	 * @param cacheWrite prompt tokens written to the cache
	 * @return the cost in USD
	 */
	public double cost(long input, long output, long cacheRead, long cacheWrite) {
		return cost(input, output, cacheRead, cacheWrite, 0, 0);
	}

	/**
	 * Return the cost in USD of one billed request. {@code input} includes the cached
	 * tokens, which are charged at their own prices and not again at the input price;
	 * {@code output} includes the reasoning tokens. A prompt longer than the long-context
	 * threshold prices the whole request at the long-context prices.
	 * @param input all prompt tokens, cache reads and writes included
	 * @param output all completion tokens, reasoning included
	 * @param cacheRead prompt tokens read from the cache
	 * @param cacheWrite prompt tokens written to the cache, one-hour writes included
	 * @param cacheWrite1h prompt tokens written to the one-hour cache
	 * @param reasoning completion tokens spent on reasoning
	 * @return the cost in USD
	 */
	public double cost(long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h, long reasoning) {
		ModelPrice price = (this.longContext != null && input > this.longContext.threshold()) ? this.longContext.price()
				: this;
		long uncached = Math.max(0, input - cacheRead - cacheWrite);
		long longWrites = Math.min(cacheWrite1h, cacheWrite);
		long reasoned = Math.min(reasoning, output);
		return (uncached * price.input + (output - reasoned) * price.output + reasoned * price.reasoning
				+ cacheRead * price.cacheRead + (cacheWrite - longWrites) * price.cacheWrite
				+ longWrites * price.cacheWrite1h) / PER_TOKEN;
	}

	/**
	 * Return the cost of one billed request split into what its kinds of tokens cost, as
	 * {@link #cost(long, long, long, long, long, long)} prices them; traces show it.
	 * @param input all prompt tokens, cache reads and writes included
	 * @param output all completion tokens, reasoning included
	 * @param cacheRead prompt tokens read from the cache
	 * @param cacheWrite prompt tokens written to the cache, one-hour writes included
	 * @param cacheWrite1h prompt tokens written to the one-hour cache
	 * @param reasoning completion tokens spent on reasoning
	 * @return the cost by kind of token, in USD
	 */
	public CostBreakdown costBreakdown(long input, long output, long cacheRead, long cacheWrite, long cacheWrite1h,
			long reasoning) {
		ModelPrice price = (this.longContext != null && input > this.longContext.threshold()) ? this.longContext.price()
				: this;
		long uncached = Math.max(0, input - cacheRead - cacheWrite);
		long longWrites = Math.min(cacheWrite1h, cacheWrite);
		long reasoned = Math.min(reasoning, output);
		return new CostBreakdown(uncached * price.input / PER_TOKEN,
				((output - reasoned) * price.output + reasoned * price.reasoning) / PER_TOKEN,
				cacheRead * price.cacheRead / PER_TOKEN,
				((cacheWrite - longWrites) * price.cacheWrite + longWrites * price.cacheWrite1h) / PER_TOKEN,
				cost(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning));
	}

	/**
	 * Return whether every price is a finite, non-negative number, the long-context
	 * tier's too.
	 * @return whether this price can be used
	 */
	public boolean isValid() {
		return valid(this.input) && valid(this.output) && valid(this.cacheRead) && valid(this.cacheWrite)
				&& valid(this.cacheWrite1h) && valid(this.reasoning)
				&& (this.longContext == null || this.longContext.price().isValid());
	}

	private static boolean valid(double price) {
		return price >= 0 && Double.isFinite(price);
	}

	/**
	 * The cost of one billed request by kind of token, in USD.
	 *
	 * @param input the uncached prompt tokens
	 * @param output the completion tokens, reasoning included
	 * @param cacheRead the prompt tokens read from the cache
	 * @param cacheWrite the prompt tokens written to the cache
	 * @param total the whole cost, as the cost counter adds it
	 */
	public record CostBreakdown(double input, double output, double cacheRead, double cacheWrite, double total) {

	}

	/**
	 * The prices of calls whose prompt has more than {@code threshold} tokens.
	 *
	 * @param threshold the most prompt tokens, cached ones included, priced at the base
	 * prices
	 * @param price the prices above it, without a tier of their own
	 */
	public record LongContext(long threshold, ModelPrice price) {

		/**
		 * Check the tier.
		 * @param threshold the most prompt tokens priced at the base prices
		 * @param price the prices above it
		 */
		public LongContext {
			Assert.isTrue(threshold > 0, "'threshold' must be positive");
			Assert.notNull(price, "'price' must not be null");
			Assert.isNull(price.longContext(), "A long-context price must not have a tier of its own");
		}

	}

}
