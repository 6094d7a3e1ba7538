package dev.agentmetrics.pricing;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PrefixMatchingPriceTableTests {

	private final PrefixMatchingPriceTable table = new PrefixMatchingPriceTable(DefaultPrices.prices());

	@Test
	void matchesTheExactNameFirst() {
		assertThat(this.table.find("gpt-4o")).isEqualTo(new ModelPrice(2.50, 10.00, 1.25, 2.50));
	}

	@Test
	void matchesDatedModelsByTheLongestPrefix() {
		assertThat(this.table.find("gpt-4o-2024-08-06")).isSameAs(DefaultPrices.prices().get("gpt-4o"));
		assertThat(this.table.find("gpt-4o-mini-2024-07-18")).isSameAs(DefaultPrices.prices().get("gpt-4o-mini"));
		assertThat(this.table.find("gpt-4.1-mini-2025-04-14")).isSameAs(DefaultPrices.prices().get("gpt-4.1-mini"));
		assertThat(this.table.find("claude-sonnet-4-5-20250929"))
			.isSameAs(DefaultPrices.prices().get("claude-sonnet-4-5"));
		assertThat(this.table.find("claude-sonnet-4-20250514")).isSameAs(DefaultPrices.prices().get("claude-sonnet-4"));
	}

	@Test
	void pricesEachModelWhenCallsAlternateBetweenModels() {
		for (int i = 0; i < 3; i++) {
			assertThat(this.table.find("gpt-4o-mini")).isSameAs(DefaultPrices.prices().get("gpt-4o-mini"));
			assertThat(this.table.find("gpt-4o-mini")).isSameAs(DefaultPrices.prices().get("gpt-4o-mini"));
			assertThat(this.table.find("llama3.2")).isNull();
			assertThat(this.table.find("llama3.2")).isNull();
			assertThat(this.table.find(new String("gpt-4o"))).isSameAs(DefaultPrices.prices().get("gpt-4o"));
		}
	}

	@Test
	void ignoresCase() {
		assertThat(this.table.find("GPT-4o-Mini")).isSameAs(DefaultPrices.prices().get("gpt-4o-mini"));
	}

	@Test
	void returnsNullForUnknownModels() {
		assertThat(this.table.find("llama3.2")).isNull();
		assertThat(this.table.find("llama3.2")).isNull();
		assertThat(this.table.find(null)).isNull();
	}

	@Test
	void pricesSnapshotsOfTheLongestEntryTheyStartWith() {
		PrefixMatchingPriceTable custom = new PrefixMatchingPriceTable(
				Map.of("acme", ModelPrice.of(1, 2), "acme-large", ModelPrice.of(10, 20)));
		assertThat(custom.find("acme-large-2025-06-01")).isEqualTo(ModelPrice.of(10, 20));
		assertThat(custom.find("acme-20250601")).isEqualTo(ModelPrice.of(1, 2));
		assertThat(custom.find("acme-latest")).isEqualTo(ModelPrice.of(1, 2));
	}

	@Test
	void pricesEverySnapshotFormOfTheSameModel() {
		assertThat(this.table.find("gpt-4-turbo-2024-04-09")).isSameAs(DefaultPrices.prices().get("gpt-4-turbo"));
		assertThat(this.table.find("gpt-3.5-turbo-0125")).isSameAs(DefaultPrices.prices().get("gpt-3.5-turbo"));
		assertThat(this.table.find("claude-3-5-sonnet-latest")).isSameAs(DefaultPrices.prices().get("claude-3-5-sonnet"));
		assertThat(this.table.find("claude-sonnet-4@20250514")).isSameAs(DefaultPrices.prices().get("claude-sonnet-4"));
		assertThat(this.table.find("gemini-2.0-flash-001")).isSameAs(DefaultPrices.prices().get("gemini-2.0-flash"));
	}

	@Test
	void leavesVariantsThatAreOtherModelsUnpriced() {
		// Each of these was priced as the shorter name, up to 12 times under its list price.
		assertThat(this.table.find("o1-pro")).isNull();
		assertThat(this.table.find("gpt-4o-audio-preview")).isNull();
		assertThat(this.table.find("claude-opus-4-1-v2")).isNull();
		assertThat(this.table.find("gemini-2.5-flash-preview-05-20")).isNull();
		PrefixMatchingPriceTable custom = new PrefixMatchingPriceTable(Map.of("acme", ModelPrice.of(1, 2)));
		assertThat(custom.find("acme-large")).isNull();
		assertThat(custom.find("acme-large-2025-06-01")).isNull();
		assertThat(custom.find("acme-v2")).isNull();
	}

	@Test
	void pricesTheVariantsThatUsedToBePricedAsTheirShorterName() {
		assertThat(this.table.find("o3-pro")).isEqualTo(ModelPrice.of(20.00, 80.00));
		assertThat(this.table.find("o3-pro-2025-06-10")).isEqualTo(ModelPrice.of(20.00, 80.00));
		assertThat(this.table.find("gpt-5-pro")).isEqualTo(ModelPrice.of(15.00, 120.00));
		assertThat(this.table.find("gpt-4o-2024-05-13")).isEqualTo(ModelPrice.of(5.00, 15.00));
		assertThat(this.table.find("gpt-4o-2024-08-06")).isSameAs(DefaultPrices.prices().get("gpt-4o"));
	}

	@Test
	void chargesCachedTokensAtTheCacheReadPriceOnly() {
		ModelPrice price = new ModelPrice(2.50, 10.00, 1.25, 3.00);
		// 1,000 prompt tokens of which 400 cached, 200 completion tokens.
		double cost = price.cost(1000, 200, 400, 0);
		assertThat(cost).isCloseTo((600 * 2.50 + 400 * 1.25 + 200 * 10.00) / 1_000_000d, within(1e-15));
		assertThat(price.cost(1000, 0, 0, 100)).isCloseTo((900 * 2.50 + 100 * 3.00) / 1_000_000d, within(1e-15));
	}

	@Test
	void everyBuiltInPriceIsValid() {
		assertThat(DefaultPrices.prices()).allSatisfy((model, price) -> assertThat(price.isValid()).isTrue());
	}

}
