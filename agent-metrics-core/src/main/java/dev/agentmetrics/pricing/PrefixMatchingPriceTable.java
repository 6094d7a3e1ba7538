package dev.agentmetrics.pricing;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * {@link PriceTable} that matches a model by its exact name, then by the longest entry it
 * starts with when the rest names a snapshot of that same model: a date
 * ({@code gpt-4o-2024-08-06}, {@code claude-3-5-sonnet-20241022}, {@code gpt-4-0613},
 * {@code claude-sonnet-4@20250514}), a version number ({@code gemini-2.0-flash-001}) or
 * {@code -latest}. Any other rest is a different model, often at a different price
 * ({@code o3-pro} is not {@code o3}, {@code gpt-4o-mini} is not {@code gpt-4o}), and stays
 * unpriced until it is priced. Names are compared ignoring case.
 *
 * @author agent-metrics
 */
public class PrefixMatchingPriceTable implements PriceTable {

	/** Bounds the lookup cache when model names are unbounded. */
	private static final int MAX_CACHED_LOOKUPS = 1024;

	private static final ModelPrice UNPRICED = new ModelPrice(-1, -1, -1, -1);

	/** What may follow an entry's name in a snapshot of the same model. */
	private static final Pattern SNAPSHOT_SUFFIX = Pattern
		.compile("(-\\d{4}-\\d{2}-\\d{2}|[-@]\\d{8}|-\\d{3,4}|[-@]latest)");

	private final Map<String, ModelPrice> prices;

	private final List<String> prefixesLongestFirst;

	private final Map<String, ModelPrice> lookups = new ConcurrentHashMap<>();

	/**
	 * The lookup made last: most applications call one model at a time. Racy but safe:
	 * lookups are immutable, and a lost update only costs a hash lookup.
	 */
	@Nullable
	private Lookup last;

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
		Lookup last = this.last;
		if (last != null && last.model.equals(model)) {
			return last.price;
		}
		ModelPrice price = this.lookups.get(model);
		if (price == null) {
			price = resolve(model);
			if (this.lookups.size() < MAX_CACHED_LOOKUPS) {
				this.lookups.put(model, price);
			}
		}
		price = (price != UNPRICED) ? price : null;
		this.last = new Lookup(model, price);
		return price;
	}

	private ModelPrice resolve(String model) {
		String name = normalize(model);
		ModelPrice exact = this.prices.get(name);
		if (exact != null) {
			return exact;
		}
		for (String prefix : this.prefixesLongestFirst) {
			if (name.startsWith(prefix) && isSnapshot(name, prefix.length())) {
				return this.prices.get(prefix);
			}
		}
		return UNPRICED;
	}

	private static boolean isSnapshot(String name, int prefixLength) {
		return SNAPSHOT_SUFFIX.matcher(name).region(prefixLength, name.length()).matches();
	}

	/**
	 * Return the form in which model names are compared.
	 * @param model a model name
	 * @return its trimmed, lower-case form
	 */
	static String normalize(String model) {
		return model.trim().toLowerCase(Locale.ROOT);
	}

	/** A model and its price, {@code null} when unpriced. */
	private record Lookup(String model, @Nullable ModelPrice price) {
	}

}
