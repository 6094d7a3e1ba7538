package dev.agentmetrics.pricing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * {@link PriceTable} that matches a model by its exact name, then by the longest
 * configured prefix, so that {@code gpt-4o-2024-08-06} is priced as {@code gpt-4o} and
 * {@code gpt-4o-mini-2024-07-18} as {@code gpt-4o-mini}. Names are compared ignoring case.
 *
 * @author agent-metrics
 */
public class PrefixMatchingPriceTable implements PriceTable {

	/** Bounds the lookup cache when model names are unbounded. */
	private static final int MAX_CACHED_LOOKUPS = 1024;

	private static final ModelPrice UNPRICED = new ModelPrice(-1, -1, -1, -1);

	private final Map<String, ModelPrice> prices;

	private final List<String> prefixesLongestFirst;

	private final Map<String, ModelPrice> lookups = new ConcurrentHashMap<>();

	/**
	 * Create a table of the given prices.
	 * @param prices prices by model name or prefix
	 */
	public PrefixMatchingPriceTable(Map<String, ModelPrice> prices) {
		Assert.notNull(prices, "'prices' must not be null");
		Map<String, ModelPrice> normalized = new ConcurrentHashMap<>();
		prices.forEach((model, price) -> {
			Assert.hasText(model, "Model names must not be empty");
			Assert.notNull(price, () -> "Price of model '" + model + "' must not be null");
			normalized.put(normalize(model), price);
		});
		this.prices = Map.copyOf(normalized);
		this.prefixesLongestFirst = this.prices.keySet()
			.stream()
			.sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
			.toList();
	}

	@Override
	@Nullable
	public ModelPrice find(String model) {
		if (model == null) {
			return null;
		}
		ModelPrice price = this.lookups.get(model);
		if (price == null) {
			price = resolve(model);
			if (this.lookups.size() < MAX_CACHED_LOOKUPS) {
				this.lookups.put(model, price);
			}
		}
		return (price != UNPRICED) ? price : null;
	}

	private ModelPrice resolve(String model) {
		String name = normalize(model);
		ModelPrice exact = this.prices.get(name);
		if (exact != null) {
			return exact;
		}
		for (String prefix : this.prefixesLongestFirst) {
			if (name.startsWith(prefix)) {
				return this.prices.get(prefix);
			}
		}
		return UNPRICED;
	}

	private static String normalize(String model) {
		return model.trim().toLowerCase(Locale.ROOT);
	}

}
