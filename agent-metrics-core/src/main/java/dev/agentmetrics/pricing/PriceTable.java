package dev.agentmetrics.pricing;

import org.springframework.lang.Nullable;

/**
 * Looks up the price of a model. Declare a bean of this type to price models from your own
 * source, such as a database or your provider contract.
 *
 * @author agent-metrics
 * @see PrefixMatchingPriceTable
 */
@FunctionalInterface
public interface PriceTable {

	/**
	 * Return the price of the given model.
	 * @param model the model name as the provider reports it, such as
	 * {@code gpt-4o-mini-2024-07-18}
	 * @return the price, or {@code null} when the model is not priced
	 */
	@Nullable
	ModelPrice find(String model);

}
