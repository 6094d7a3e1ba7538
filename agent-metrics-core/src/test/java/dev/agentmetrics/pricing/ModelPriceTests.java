package dev.agentmetrics.pricing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link ModelPrice}.
 *
 * @author agent-metrics
 */
class ModelPriceTests {

	private static final double MILLION = 1_000_000d;

	/** Claude Sonnet 4.5's list prices, with its tier above 200K prompt tokens. */
	private static final ModelPrice SONNET = new ModelPrice(3.00, 15.00, 0.30, 3.75).withCacheWrite1h(6.00)
		.withLongContext(200_000, new ModelPrice(6.00, 22.50, 0.60, 7.50).withCacheWrite1h(12.00));

	@Test
	void chargesCacheReadsAndBothKindsOfCacheWritesAtTheirOwnPrices() {
		// 10,000 prompt tokens: 6,000 read, 3,000 written of which 1,000 for an hour, 1,000
		// plain; 500 completion tokens.
		double cost = SONNET.cost(10_000, 500, 6_000, 3_000, 1_000, 0);
		assertThat(cost).isCloseTo(
				(1_000 * 3.00 + 6_000 * 0.30 + 2_000 * 3.75 + 1_000 * 6.00 + 500 * 15.00) / MILLION, within(1e-15));
	}

	@Test
	void pricesTheWholeRequestAtTheLongContextTierWhenItsPromptExceedsTheThreshold() {
		assertThat(SONNET.cost(200_000, 1_000, 0, 0, 0, 0))
			.isCloseTo((200_000 * 3.00 + 1_000 * 15.00) / MILLION, within(1e-12));
		// Cached tokens count towards the threshold, and every token moves to the tier.
		assertThat(SONNET.cost(200_001, 1_000, 100_000, 50_000, 50_000, 0)).isCloseTo(
				(50_001 * 6.00 + 100_000 * 0.60 + 50_000 * 12.00 + 1_000 * 22.50) / MILLION, within(1e-12));
	}

	@Test
	void pricesReasoningAsOutputUnlessItHasItsOwnPrice() {
		ModelPrice price = ModelPrice.of(1.00, 8.00);
		assertThat(price.cost(100, 1_000, 0, 0, 0, 600)).isCloseTo((100 * 1.00 + 1_000 * 8.00) / MILLION,
				within(1e-15));
		assertThat(price.withReasoning(4.00).cost(100, 1_000, 0, 0, 0, 600))
			.isCloseTo((100 * 1.00 + 400 * 8.00 + 600 * 4.00) / MILLION, within(1e-15));
	}

	@Test
	void pricesOneHourWritesAsOtherWritesUnlessTheyHaveTheirOwnPrice() {
		ModelPrice price = new ModelPrice(2.00, 8.00, 0.50, 2.50);
		assertThat(price.cost(1_000, 0, 0, 400, 400, 0)).isCloseTo((600 * 2.00 + 400 * 2.50) / MILLION, within(1e-15));
	}

	@Test
	void neverChargesMoreOneHourWritesOrReasoningTokensThanThereAreWritesOrOutputTokens() {
		ModelPrice price = new ModelPrice(1.00, 10.00, 0.10, 1.25).withCacheWrite1h(2.00).withReasoning(20.00);
		assertThat(price.cost(1_000, 100, 0, 200, 500, 300))
			.isCloseTo((800 * 1.00 + 200 * 2.00 + 100 * 20.00) / MILLION, within(1e-15));
	}

	@Test
	void keepsTheFourPriceFormForModelsWithoutTiersOrSpecialPrices() {
		ModelPrice price = new ModelPrice(2.50, 10.00, 1.25, 3.00);
		assertThat(price.cacheWrite1h()).isEqualTo(3.00);
		assertThat(price.reasoning()).isEqualTo(10.00);
		assertThat(price.longContext()).isNull();
		assertThat(price.cost(1000, 200, 400, 0)).isCloseTo((600 * 2.50 + 400 * 1.25 + 200 * 10.00) / MILLION,
				within(1e-15));
	}

	@Test
	void isInvalidWhenAnyPriceOrItsTiersIsNegativeOrNotFinite() {
		assertThat(SONNET.isValid()).isTrue();
		assertThat(ModelPrice.of(1, 2).withReasoning(Double.NaN).isValid()).isFalse();
		assertThat(ModelPrice.of(1, 2).withCacheWrite1h(-1).isValid()).isFalse();
		assertThat(ModelPrice.of(1, 2).withLongContext(10, ModelPrice.of(1, Double.POSITIVE_INFINITY)).isValid())
			.isFalse();
	}

	@Test
	void refusesATierWithoutAPositiveThresholdOrWithATierOfItsOwn() {
		assertThatIllegalArgumentException().isThrownBy(() -> ModelPrice.of(1, 2).withLongContext(0, ModelPrice.of(2, 4)))
			.withMessageContaining("threshold");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelPrice.of(1, 2).withLongContext(10, SONNET))
			.withMessageContaining("tier of its own");
	}

	@Test
	void splitsTheCostOfARequestByKindOfTokenAtItsTier() {
		// 10,000 prompt tokens: 6,000 read, 3,000 written of which 1,000 for an hour; 500
		// completion tokens of which 200 reasoning.
		ModelPrice price = SONNET.withReasoning(20.00);
		ModelPrice.CostBreakdown cost = price.costBreakdown(10_000, 500, 6_000, 3_000, 1_000, 200);
		assertThat(cost.input()).isCloseTo(1_000 * 3.00 / MILLION, within(1e-15));
		assertThat(cost.output()).isCloseTo((300 * 15.00 + 200 * 20.00) / MILLION, within(1e-15));
		assertThat(cost.cacheRead()).isCloseTo(6_000 * 0.30 / MILLION, within(1e-15));
		assertThat(cost.cacheWrite()).isCloseTo((2_000 * 3.75 + 1_000 * 6.00) / MILLION, within(1e-15));
		assertThat(cost.total()).isEqualTo(price.cost(10_000, 500, 6_000, 3_000, 1_000, 200));
		assertThat(cost.input() + cost.output() + cost.cacheRead() + cost.cacheWrite()).isCloseTo(cost.total(),
				within(1e-15));
		ModelPrice.CostBreakdown longPrompt = price.costBreakdown(250_000, 500, 0, 0, 0, 0);
		assertThat(longPrompt.input()).isCloseTo(250_000 * 6.00 / MILLION, within(1e-12));
		assertThat(longPrompt.total()).isEqualTo(price.cost(250_000, 500, 0, 0, 0, 0));
	}

}
