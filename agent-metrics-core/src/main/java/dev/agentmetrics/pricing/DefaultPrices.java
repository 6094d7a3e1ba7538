package dev.agentmetrics.pricing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Built-in list prices of well-known OpenAI, Anthropic and Google models, in USD per
 * million tokens, as published by the providers on {@link #AS_OF}. Keys are model names,
 * which also price the dated snapshots of the same model; configured prices override them.
 *
 * <p>
 * Anthropic's cache writes are priced at the five-minute cache rate. Google's prices are
 * those of prompts up to 200k tokens.
 *
 * @author agent-metrics
 */
public final class DefaultPrices {

	/** The date the built-in prices were taken. */
	public static final String AS_OF = "2025-11-01";

	private static final Map<String, ModelPrice> PRICES;

	static {
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		// OpenAI: input, output, cached input (OpenAI does not charge cache writes apart).
		openAi(prices, "gpt-5", 1.25, 10.00, 0.125);
		openAi(prices, "gpt-5-pro", 15.00, 120.00, 15.00);
		openAi(prices, "gpt-5-mini", 0.25, 2.00, 0.025);
		openAi(prices, "gpt-5-nano", 0.05, 0.40, 0.005);
		openAi(prices, "gpt-4.1", 2.00, 8.00, 0.50);
		openAi(prices, "gpt-4.1-mini", 0.40, 1.60, 0.10);
		openAi(prices, "gpt-4.1-nano", 0.10, 0.40, 0.025);
		openAi(prices, "gpt-4o", 2.50, 10.00, 1.25);
		// The first gpt-4o snapshot kept its launch price and has no cached-input discount.
		openAi(prices, "gpt-4o-2024-05-13", 5.00, 15.00, 5.00);
		openAi(prices, "gpt-4o-mini", 0.15, 0.60, 0.075);
		openAi(prices, "o1", 15.00, 60.00, 7.50);
		openAi(prices, "o1-mini", 1.10, 4.40, 0.55);
		openAi(prices, "o3", 2.00, 8.00, 0.50);
		openAi(prices, "o3-pro", 20.00, 80.00, 20.00);
		openAi(prices, "o3-mini", 1.10, 4.40, 0.55);
		openAi(prices, "o4-mini", 1.10, 4.40, 0.275);
		openAi(prices, "gpt-4-turbo", 10.00, 30.00, 10.00);
		openAi(prices, "gpt-3.5-turbo", 0.50, 1.50, 0.50);
		// Anthropic: input, output, cache read, cache write (5 minutes).
		prices.put("claude-opus-4-5", new ModelPrice(5.00, 25.00, 0.50, 6.25));
		prices.put("claude-opus-4-1", new ModelPrice(15.00, 75.00, 1.50, 18.75));
		prices.put("claude-opus-4", new ModelPrice(15.00, 75.00, 1.50, 18.75));
		prices.put("claude-sonnet-4-5", new ModelPrice(3.00, 15.00, 0.30, 3.75));
		prices.put("claude-sonnet-4", new ModelPrice(3.00, 15.00, 0.30, 3.75));
		prices.put("claude-haiku-4-5", new ModelPrice(1.00, 5.00, 0.10, 1.25));
		prices.put("claude-3-7-sonnet", new ModelPrice(3.00, 15.00, 0.30, 3.75));
		prices.put("claude-3-5-sonnet", new ModelPrice(3.00, 15.00, 0.30, 3.75));
		prices.put("claude-3-5-haiku", new ModelPrice(0.80, 4.00, 0.08, 1.00));
		prices.put("claude-3-opus", new ModelPrice(15.00, 75.00, 1.50, 18.75));
		prices.put("claude-3-haiku", new ModelPrice(0.25, 1.25, 0.03, 0.30));
		// Google Gemini: input, output, context-cache read.
		openAi(prices, "gemini-2.5-pro", 1.25, 10.00, 0.125);
		openAi(prices, "gemini-2.5-flash", 0.30, 2.50, 0.03);
		openAi(prices, "gemini-2.5-flash-lite", 0.10, 0.40, 0.01);
		openAi(prices, "gemini-2.0-flash", 0.10, 0.40, 0.025);
		openAi(prices, "gemini-2.0-flash-lite", 0.075, 0.30, 0.075);
		PRICES = Map.copyOf(prices);
	}

	private DefaultPrices() {
	}

	/**
	 * Return the built-in prices by model name or prefix.
	 * @return the prices
	 */
	public static Map<String, ModelPrice> prices() {
		return PRICES;
	}

	private static void openAi(Map<String, ModelPrice> prices, String model, double input, double output,
			double cacheRead) {
		prices.put(model, new ModelPrice(input, output, cacheRead, input));
	}

}
