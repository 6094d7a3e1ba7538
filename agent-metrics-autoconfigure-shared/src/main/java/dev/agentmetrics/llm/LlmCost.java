package dev.agentmetrics.llm;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.lang.Nullable;

/**
 * Prices the tokens of LLM calls from the price table, and refuses prices that give no
 * valid cost rather than adding a wrong one to the cost counter.
 *
 * @author agent-metrics
 */
final class LlmCost {

	/** The cost of a call whose model's price gives no valid cost. */
	static final double INVALID = -1;

	private static final FailOpenLogger logger = new FailOpenLogger(LlmCost.class);

	private final PriceTable prices;

	LlmCost(PriceTable prices) {
		this.prices = prices;
	}

	/**
	 * Return the name a call is priced by: the model the provider says it billed, which may
	 * be a snapshot priced apart from the model asked for, else the model of its tag.
	 * @param billedModel the model the response names, if any
	 * @param model the model tag of the call
	 * @return the name to price
	 */
	static String pricedModel(@Nullable String billedModel, String model) {
		return (billedModel != null) ? billedModel : model;
	}

	/**
	 * Return the price of a model.
	 * @param model the name to price
	 * @return the price, or {@code null} when the model is not priced
	 */
	@Nullable
	ModelPrice price(String model) {
		return this.prices.find(model);
	}

	/**
	 * Return the cost of one billed request.
	 * @param model the model, for the warning about an invalid price
	 * @param price the model's price
	 * @param input the input tokens, cached ones included
	 * @param output the output tokens, reasoning included
	 * @param cacheRead the input tokens read from the prompt cache
	 * @param cacheWrite the input tokens written to the prompt cache
	 * @param reasoning the output tokens spent on reasoning
	 * @param cacheWrite1h the part of the cache writes written to the one-hour cache
	 * @return the cost in USD; {@link #INVALID} when the price gives a negative or infinite
	 * cost
	 */
	static double of(String model, ModelPrice price, long input, long output, long cacheRead, long cacheWrite,
			long reasoning, long cacheWrite1h) {
		double cost = price.cost(input, output, cacheRead, cacheWrite, cacheWrite1h, reasoning);
		return (cost >= 0 && Double.isFinite(cost)) ? cost : invalid(model, price, cost);
	}

	// Out of line, so that the JIT inlines the method above into every call's recording.
	private static double invalid(String model, ModelPrice price, double cost) {
		logger.warnOnce("invalid-price:" + model, "agent-metrics ignored the cost of model '" + model
				+ "' because its price " + price + " gives " + cost + " USD; prices must be non-negative numbers");
		return INVALID;
	}

}
