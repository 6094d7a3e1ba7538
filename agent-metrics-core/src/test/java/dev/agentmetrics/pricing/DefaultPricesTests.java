package dev.agentmetrics.pricing;

import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link DefaultPrices}.
 *
 * @author agent-metrics
 */
class DefaultPricesTests {

	private static final double MILLION = 1_000_000d;

	/** Anthropic entries whose listed 5-minute write is not 1.25 times the input price. */
	private static final Set<String> LISTED_APART = Set.of("claude-3-haiku");

	private final Map<String, ModelPrice> prices = DefaultPrices.prices();

	private final PrefixMatchingPriceTable table = new PrefixMatchingPriceTable(this.prices);

	@Test
	void isAsOfTheDateThePricesWereChecked() {
		assertThat(DefaultPrices.AS_OF).isEqualTo("2026-11-29");
	}

	@Test
	void everyEntryIsValid() {
		assertThat(this.prices).isNotEmpty()
			.allSatisfy((model, price) -> assertThat(price.isValid()).as(model).isTrue());
	}

	@Test
	void pricesOpenAiModelsAsTheirPagesList() {
		assertThat(this.prices.get("gpt-6.2-sol")).isEqualTo(new ModelPrice(2.00, 10.00, 0.10, 2.50)
			.withLongContext(272_000, new ModelPrice(4.00, 15.00, 0.20, 5.00)));
		assertThat(this.prices.get("gpt-5-nano")).isEqualTo(new ModelPrice(0.05, 0.40, 0.005, 0.05));
		// Kept from the 2025-11-01 table: no stored copy of OpenAI's pricing page.
		assertThat(this.prices.get("gpt-4o")).isEqualTo(new ModelPrice(2.50, 10.00, 1.25, 2.50));
		assertThat(this.prices.get("o3-pro")).isEqualTo(ModelPrice.of(20.00, 80.00));
	}

	@Test
	void pricesAnthropicModelsAsThePricingPageLists() {
		assertThat(this.prices.get("claude-opus-4-8"))
			.isEqualTo(new ModelPrice(5.00, 25.00, 0.50, 6.25).withCacheWrite1h(10.00));
		assertThat(this.prices.get("claude-opus-4-1"))
			.isEqualTo(new ModelPrice(15.00, 75.00, 1.50, 18.75).withCacheWrite1h(30.00));
		assertThat(this.prices.get("claude-sonnet-4-6"))
			.isEqualTo(new ModelPrice(3.00, 15.00, 0.30, 3.75).withCacheWrite1h(6.00));
		// The stored Sonnet 5.5 page's $0.20, not the $0.10 of newer unofficial copies.
		assertThat(this.prices.get("claude-sonnet-5-5"))
			.isEqualTo(new ModelPrice(2.00, 10.00, 0.20, 2.50).withCacheWrite1h(4.00));
		assertThat(this.prices.get("claude-haiku-5-5"))
			.isEqualTo(new ModelPrice(0.10, 0.50, 0.01, 0.125).withCacheWrite1h(0.20)
				.withLongContext(100_000, new ModelPrice(0.50, 2.50, 0.05, 0.625).withCacheWrite1h(1.00)));
		assertThat(this.prices.get("claude-3-haiku"))
			.isEqualTo(new ModelPrice(0.25, 1.25, 0.03, 0.30).withCacheWrite1h(0.50));
	}

	@Test
	void pricesGeminiModelsAsBefore() {
		// Kept from the 2025-11-01 table: no stored copy of Google's pricing page, hence no
		// long-context tier.
		assertThat(this.prices.get("gemini-2.5-pro")).isEqualTo(new ModelPrice(1.25, 10.00, 0.125, 1.25));
		assertThat(this.prices.get("gemini-2.0-flash")).isEqualTo(new ModelPrice(0.10, 0.40, 0.025, 0.10));
	}

	@Test
	void everyAnthropicEntryWritesTheOneHourCacheAtTwiceAndTheFiveMinuteCacheAt125PercentOfInput() {
		assertThat(entries((model, price) -> model.startsWith("claude-"))).hasSizeGreaterThan(20)
			.allSatisfy((model, price) -> {
				assertAnthropicWrites(model, price);
				if (price.longContext() != null) {
					assertAnthropicWrites(model, price.longContext().price());
				}
			});
	}

	private static void assertAnthropicWrites(String model, ModelPrice price) {
		assertThat(price.cacheWrite1h()).as(model).isCloseTo(2 * price.input(), within(1e-9));
		if (!LISTED_APART.contains(model)) {
			assertThat(price.cacheWrite()).as(model).isCloseTo(1.25 * price.input(), within(1e-9));
		}
	}

	@Test
	void tieredEntriesPriceARequestJustAboveTheThresholdAtTheTier() {
		assertThat(entries((model, price) -> price.longContext() != null)).containsOnlyKeys("gpt-6.2-sol", "claude-sonnet-4", "claude-haiku-5-5")
			.allSatisfy((model, price) -> {
				long threshold = price.longContext().threshold();
				ModelPrice tier = price.longContext().price();
				// 10% of the prompt read from the cache, 20% written to it, half of which
				// for an hour; 2,000 completion tokens.
				assertThat(price.cost(threshold + 1, 2_000, threshold / 10, threshold / 5, threshold / 10, 0))
					.as(model)
					.isCloseTo(costOf(tier, threshold + 1, 2_000, threshold / 10, threshold / 5, threshold / 10),
							within(1e-12));
				assertThat(price.cost(threshold, 2_000, threshold / 10, threshold / 5, threshold / 10, 0))
					.as(model)
					.isCloseTo(costOf(price, threshold, 2_000, threshold / 10, threshold / 5, threshold / 10),
							within(1e-12));
			});
	}

	@Test
	void pricesTheTiersAsTheProvidersBillThem() {
		// GPT-6.2 Sol: 272,001 prompt tokens, 100,000 of them read from the cache.
		assertThat(this.prices.get("gpt-6.2-sol").cost(272_001, 1_000, 100_000, 0))
			.isCloseTo((172_001 * 4.00 + 100_000 * 0.20 + 1_000 * 15.00) / MILLION, within(1e-12));
		assertThat(this.prices.get("gpt-6.2-sol").cost(272_000, 1_000, 100_000, 0))
			.isCloseTo((172_000 * 2.00 + 100_000 * 0.10 + 1_000 * 10.00) / MILLION, within(1e-12));
		// Claude Haiku 5.5: 100,001 prompt tokens, 60,000 of them written to the one-hour
		// cache.
		assertThat(this.prices.get("claude-haiku-5-5").cost(100_001, 1_000, 0, 60_000, 60_000, 0))
			.isCloseTo((40_001 * 0.50 + 60_000 * 1.00 + 1_000 * 2.50) / MILLION, within(1e-12));
		assertThat(this.prices.get("claude-sonnet-4").cost(200_001, 1_000, 0, 0))
			.isCloseTo((200_001 * 6.00 + 1_000 * 22.50) / MILLION, within(1e-12));
	}

	@Test
	void matchesTheModelIdsTheApisReturnAndTheirSnapshots() {
		assertThat(this.table.find("claude-haiku-4-5-20251001")).isSameAs(this.prices.get("claude-haiku-4-5"));
		assertThat(this.table.find("claude-opus-4-5-20251101")).isSameAs(this.prices.get("claude-opus-4-5"));
		assertThat(this.table.find("claude-opus-4-1@20250805")).isSameAs(this.prices.get("claude-opus-4-1"));
		assertThat(this.table.find("claude-opus-4-8")).isSameAs(this.prices.get("claude-opus-4-8"));
		assertThat(this.table.find("gpt-5-nano-2025-08-07")).isSameAs(this.prices.get("gpt-5-nano"));
		// Other models stay unpriced rather than priced as a shorter name.
		assertThat(this.table.find("claude-opus-5-5")).isNull();
		assertThat(this.table.find("claude-fable-5-1")).isNull();
		assertThat(this.table.find("gpt-6.2-sol-pro")).isNull();
	}

	private Map<String, ModelPrice> entries(BiPredicate<String, ModelPrice> filter) {
		return this.prices.entrySet()
			.stream()
			.filter((entry) -> filter.test(entry.getKey(), entry.getValue()))
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	private static double costOf(ModelPrice price, long input, long output, long cacheRead, long cacheWrite,
			long cacheWrite1h) {
		return ((input - cacheRead - cacheWrite) * price.input() + output * price.output()
				+ cacheRead * price.cacheRead() + (cacheWrite - cacheWrite1h) * price.cacheWrite()
				+ cacheWrite1h * price.cacheWrite1h()) / MILLION;
	}

}
