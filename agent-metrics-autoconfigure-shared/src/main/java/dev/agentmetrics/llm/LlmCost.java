package dev.agentmetrics.llm;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.support.FailOpenLogger;

/**
 * Prices the tokens of LLM calls from the price table, and refuses prices that give no
 * valid cost rather than adding a wrong one to the cost counter.
 *
 * @author agent-metrics
 */
final class LlmCost {

	/** The cost of a call whose model has no price. */
	static final double UNPRICED = Double.NaN;

	/** The cost of a call whose model's price gives no valid cost. */
	static final double INVALID = -1;

	private static final FailOpenLogger logger = new FailOpenLogger(LlmCost.class);

	private final PriceTable prices;

	LlmCost(PriceTable prices) {
		this.prices = prices;
	}

	/**
	 * Return the cost of the given tokens of a model.
	 * @param model the model
	 * @param input the input tokens, cached ones included
	 * @param output the output tokens
	 * @param cacheRead the input tokens read from the prompt cache
	 * @param cacheWrite the input tokens written to the prompt cache
	 * @return the cost in USD; {@link #UNPRICED} when the model has no price,
	 * {@link #INVALID} when its price gives a negative or infinite cost
	 */
	double of(String model, long input, long output, long cacheRead, long cacheWrite) {
		ModelPrice price = this.prices.find(model);
		if (price == null) {
			return UNPRICED;
		}
		double cost = price.cost(input, output, cacheRead, cacheWrite);
		return (cost >= 0 && Double.isFinite(cost)) ? cost : invalid(model, price, cost);
	}

	// Out of line, so that the JIT inlines the method above into every call's recording.
	private static double invalid(String model, ModelPrice price, double cost) {
		logger.warnOnce("invalid-price:" + model, "agent-metrics ignored the cost of model '" + model
				+ "' because its price " + price + " gives " + cost + " USD; prices must be non-negative numbers");
		return INVALID;
	}

}
