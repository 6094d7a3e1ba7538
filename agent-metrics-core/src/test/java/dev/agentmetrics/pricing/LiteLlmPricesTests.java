package dev.agentmetrics.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import dev.agentmetrics.support.JsonReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link LiteLlmPrices}, on entries copied from LiteLLM's
 * {@code model_prices_and_context_window.json} ({@code litellm-prices.json}) and on
 * entries with only some prices ({@code litellm-partial.json}).
 *
 * @author agent-metrics
 */
class LiteLlmPricesTests {

	static final ModelPrice CLAUDE_SONNET_4_5 = new ModelPrice(3, 15, 0.3, 3.75).withCacheWrite1h(6)
		.withLongContext(200_000, new ModelPrice(6, 22.5, 0.6, 7.5).withCacheWrite1h(12));

	static final ModelPrice GEMINI_2_5_PRO = new ModelPrice(1.25, 10, 0.125, 1.25).withLongContext(200_000,
			new ModelPrice(2.5, 15, 0.25, 2.5));

	static final ModelPrice GPT_5 = new ModelPrice(1.25, 10, 0.125, 1.25);

	static final ModelPrice GPT_4O_MINI = new ModelPrice(0.15, 0.6, 0.075, 0.15);

	static final ModelPrice GPT_5_6 = new ModelPrice(5, 30, 0.5, 6.25).withLongContext(272_000,
			new ModelPrice(10, 45, 1, 12.5));

	private final LiteLlmPrices prices = LiteLlmPrices.parse(resource("litellm-prices.json"));

	private final LiteLlmPrices partial = LiteLlmPrices.parse(resource("litellm-partial.json"));

	@Test
	void readsTheChatEntriesInTheFilesOrderAndGeminisUnderTheirBareNameToo() {
		assertThat(this.prices.prices()).containsOnlyKeys("claude-sonnet-4-5", "gemini/gemini-2.5-pro", "gpt-5",
				"gpt-4o-mini", "gpt-5.6", "gemini-2.5-pro");
		assertThat(this.prices.prices().keySet()).containsExactly("claude-sonnet-4-5", "gemini/gemini-2.5-pro",
				"gpt-5", "gpt-4o-mini", "gpt-5.6", "gemini-2.5-pro");
		assertThat(this.prices.skipped()).isEmpty();
	}

	@Test
	void convertsPricesPerTokenToPricesPerMillionTokensWithoutFloatingPointError() {
		// gpt-5-nano's official $0.05 / $0.005 / $0.40 per million, as LiteLLM writes them.
		LiteLlmPrices nano = LiteLlmPrices.parse("""
				{"gpt-5-nano": {"cache_read_input_token_cost": 5e-09, "input_cost_per_token": 5e-08,
				                "litellm_provider": "openai", "mode": "chat", "output_cost_per_token": 4e-07}}
				""");
		// Multiplying the doubles would be off by one unit in the last place.
		assertThat(5e-08 * 1_000_000).isEqualTo(0.049999999999999996);
		assertThat(4e-07 * 1_000_000).isEqualTo(0.39999999999999997);
		assertThat(nano.prices().get("gpt-5-nano")).isEqualTo(new ModelPrice(0.05, 0.40, 0.005, 0.05));
		assertThat(this.prices.prices().get("gpt-4o-mini")).isEqualTo(GPT_4O_MINI);
		assertThat(this.prices.prices().get("gpt-5")).isEqualTo(GPT_5);
	}

	@Test
	void readsAnthropicsOneHourCacheWritesAndItsTierAbove200kTokens() {
		ModelPrice sonnet = this.prices.prices().get("claude-sonnet-4-5");
		assertThat(sonnet).isEqualTo(CLAUDE_SONNET_4_5);
		// 300,000 prompt tokens, 100,000 of them read from the cache; 1,000 output tokens.
		// (200,000 × 6 + 1,000 × 22.5 + 100,000 × 0.6) / 1e6
		assertThat(sonnet.cost(300_000, 1_000, 100_000, 0)).isEqualTo(1.2825);
	}

	@Test
	void readsAnOpenAiTierAbove272kTokensWithItsCacheWritePrice() {
		assertThat(this.prices.prices().get("gpt-5.6")).isEqualTo(GPT_5_6);
	}

	@Test
	void readsAGeminiTierAbove200kTokensWithCacheWritesAtItsInputPrice() {
		assertThat(this.prices.prices().get("gemini/gemini-2.5-pro")).isEqualTo(GEMINI_2_5_PRO);
		assertThat(this.prices.prices().get("gemini-2.5-pro")).isEqualTo(GEMINI_2_5_PRO);
	}

	@Test
	void readsResponsesAndModelessEntriesAndIgnoresOtherModes() {
		assertThat(this.partial.prices().keySet()).containsExactly("gpt-5.5-pro", "acme-modeless",
				"gemini/gemini-2.5-flash-preview-09-2025", "acme-reasoner", "gemini/gemini-2.5-flash",
				"gemini-2.5-flash", "ollama/llama3", "gemini-2.5-flash-preview-09-2025");
		assertThat(this.partial.prices().get("gpt-5.5-pro")).isEqualTo(
				new ModelPrice(30, 180, 3, 30).withLongContext(272_000, new ModelPrice(60, 270, 6, 60)));
		assertThat(this.partial.prices().get("ollama/llama3")).isEqualTo(ModelPrice.of(0, 0));
	}

	@Test
	void defaultsCachePricesToTheInputPriceAndReasoningToTheOutputPrice() {
		assertThat(this.partial.prices().get("acme-modeless")).isEqualTo(ModelPrice.of(1, 2));
		assertThat(this.partial.prices().get("gemini/gemini-2.5-flash-preview-09-2025"))
			.isEqualTo(new ModelPrice(0.3, 2.5, 0.075, 0.3));
	}

	@Test
	void readsAReasoningPriceAndDefaultsOneHourCacheWritesToTheCacheWritePrice() {
		assertThat(this.partial.prices().get("acme-reasoner"))
			.isEqualTo(new ModelPrice(2, 8, 2, 2.5).withReasoning(12));
	}

	@Test
	void prefersTheBareKeyOfTheFileOverTheBareNameOfAGeminiEntry() {
		assertThat(this.partial.prices().get("gemini-2.5-flash")).isEqualTo(new ModelPrice(0.3, 2.5, 0.03, 0.3));
		assertThat(this.partial.prices().get("gemini/gemini-2.5-flash"))
			.isEqualTo(new ModelPrice(0.3, 2.5, 0.075, 0.3));
	}

	@Test
	void skipsEveryChatEntryWithoutAnInputAndAnOutputPriceAndSaysWhy() {
		assertThat(this.partial.skipped()).containsExactly(
				new LiteLlmPrices.Skipped("acme-only-input", "no output_cost_per_token"),
				new LiteLlmPrices.Skipped("acme-only-output", "no input_cost_per_token"),
				new LiteLlmPrices.Skipped("acme-half-tier", "no output_cost_per_token_above_200k_tokens"),
				new LiteLlmPrices.Skipped("acme-two-tiers",
						"more than one long-context threshold (128000 and 200000 tokens)"),
				new LiteLlmPrices.Skipped("acme-negative",
						"input_cost_per_token is the number -0.000001, not a number of USD zero or more"),
				new LiteLlmPrices.Skipped("acme-text-price",
						"input_cost_per_token is the string \"1e-06\", not a number of USD zero or more"));
	}

	@Test
	void ignoresServiceTiersRegionalMultipliersAndTheSampleSpec() {
		LiteLlmPrices prices = LiteLlmPrices.parse("""
				{
				  "sample_spec": {"input_cost_per_token": 0.0, "output_cost_per_token": 0.0},
				  "acme": {
				    "input_cost_per_token": 1e-06,
				    "input_cost_per_token_flex": 5e-07,
				    "input_cost_per_token_priority": 2e-06,
				    "input_cost_per_token_batches": 5e-07,
				    "input_cost_per_token_above_200k_tokens_priority": 4e-06,
				    "output_cost_per_token": 2e-06,
				    "regional_processing_uplift_multiplier_eu": 1.1,
				    "provider_specific_entry": {"us": 1.1, "fast": 6.0}
				  }
				}
				""");
		assertThat(prices.prices()).containsExactly(entry("acme", ModelPrice.of(1, 2)));
	}

	@Test
	void treatsANullPriceAsAbsent() {
		LiteLlmPrices prices = LiteLlmPrices.parse("""
				{"acme": {"input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06,
				          "cache_read_input_token_cost": null},
				 "acme-no-output": {"input_cost_per_token": 1e-06, "output_cost_per_token": null}}
				""");
		assertThat(prices.prices()).containsOnlyKeys("acme");
		assertThat(prices.prices().get("acme")).isEqualTo(ModelPrice.of(1, 2));
		assertThat(prices.skipped()).extracting(LiteLlmPrices.Skipped::reason)
			.containsExactly("no output_cost_per_token");
	}

	@Test
	void skipsAnEntryThatIsNotAnObject() {
		LiteLlmPrices prices = LiteLlmPrices.parse("{\"acme\": [1, 2]}");
		assertThat(prices.prices()).isEmpty();
		assertThat(prices.skipped()).containsExactly(new LiteLlmPrices.Skipped("acme", "not an object but an array"));
	}

	@Test
	void rejectsJsonThatIsNotAnObjectOfModels() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> LiteLlmPrices.parse("[1]"))
			.withMessage("not a LiteLLM price file: expected a JSON object of models, found an array");
	}

	@Test
	void rejectsMalformedJsonWithItsPosition() {
		assertThatExceptionOfType(JsonReader.MalformedJsonException.class)
			.isThrownBy(() -> LiteLlmPrices.parse(resource("litellm-malformed.json")))
			.withMessageStartingWith("expected a member name in double quotes, found '}' at line 5, column 5");
	}

	static String resource(String name) {
		try (InputStream in = LiteLlmPricesTests.class.getResourceAsStream(name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
