package dev.agentmetrics.pricing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Built-in list prices of well-known OpenAI, Anthropic and Google models, in USD per
 * million tokens, as checked on {@link #AS_OF} against stored copies of the providers'
 * official pricing pages. Keys are the model ids the APIs return, which also price the
 * dated snapshots of the same model; configured prices override them.
 *
 * <p>
 * Anthropic entries carry both cache-write prices, five-minute and one-hour. Models whose
 * official page lists a long-context tier carry it: a request whose prompt exceeds the
 * threshold is priced at the tier as a whole. An entry that could not be checked against
 * an official page is kept at its former price, and its source comment says where that
 * price comes from.
 *
 * @author agent-metrics
 */
public final class DefaultPrices {

	/** The date the built-in prices were checked against the providers' pages. */
	public static final String AS_OF = "2026-11-29";

	private static final Map<String, ModelPrice> PRICES;

	static {
		Map<String, ModelPrice> p = new LinkedHashMap<>();
		// "unverified": not verified against a stored official page on 2026-11-29; the
		// comment names where the figure comes from (LiteLLM = BerriAI/litellm's
		// model_prices_and_context_window.json @00035b69).

		// OpenAI, openAi(input, cached input, output) in the order of OpenAI's model pages.
		// Source: https://developers.openai.com/api/docs/models/gpt-6.2-sol and
		// https://developers.openai.com/api/docs/models/gpt-5-nano, stored copies, undated.
		// OpenAI's pricing page (developers.openai.com/api/docs/pricing) had no stored copy.
		// GPT-6.2 Sol: $2.50 writes a 30-minute cache (a 12-hour write costs $5, which usage
		// does not tell apart); above 272K input tokens input and cache rates double and
		// output costs 1.5 times, "for the full request".
		p.put("gpt-6.2-sol", new ModelPrice(2.00, 10.00, 0.10, 2.50).withLongContext(272_000,
				new ModelPrice(4.00, 15.00, 0.20, 5.00)));
		p.put("gpt-5-nano", openAi(0.05, 0.005, 0.40)); // the page marks it deprecated
		p.put("gpt-5", openAi(1.25, 0.125, 10.00)); // unverified; 2025-11-01 table, = LiteLLM
		p.put("gpt-5-pro", openAi(15.00, 15.00, 120.00)); // unverified; 2025-11-01 table
		p.put("gpt-5-mini", openAi(0.25, 0.025, 2.00)); // unverified; 2025-11-01 table
		p.put("gpt-4.1", openAi(2.00, 0.50, 8.00)); // unverified; 2025-11-01 table
		p.put("gpt-4.1-mini", openAi(0.40, 0.10, 1.60)); // unverified; 2025-11-01 table
		p.put("gpt-4.1-nano", openAi(0.10, 0.025, 0.40)); // unverified; 2025-11-01 table
		p.put("gpt-4o", openAi(2.50, 1.25, 10.00)); // unverified; 2025-11-01 table, = LiteLLM
		// The first gpt-4o snapshot kept its launch price and has no cached-input discount.
		p.put("gpt-4o-2024-05-13", openAi(5.00, 5.00, 15.00)); // unverified; 2025-11-01 table
		p.put("gpt-4o-mini", openAi(0.15, 0.075, 0.60)); // unverified; 2025-11-01 table, = LiteLLM
		p.put("o1", openAi(15.00, 7.50, 60.00)); // unverified; 2025-11-01 table
		p.put("o1-mini", openAi(1.10, 0.55, 4.40)); // unverified; 2025-11-01 table
		p.put("o3", openAi(2.00, 0.50, 8.00)); // unverified; 2025-11-01 table
		p.put("o3-pro", openAi(20.00, 20.00, 80.00)); // unverified; 2025-11-01 table
		p.put("o3-mini", openAi(1.10, 0.55, 4.40)); // unverified; 2025-11-01 table
		p.put("o4-mini", openAi(1.10, 0.275, 4.40)); // unverified; 2025-11-01 table
		p.put("gpt-4-turbo", openAi(10.00, 10.00, 30.00)); // unverified; 2025-11-01 table
		p.put("gpt-3.5-turbo", openAi(0.50, 0.50, 1.50)); // unverified; 2025-11-01 table

		// Anthropic, claude(input, 5m write, 1h write, cache read, output) in the columns of
		// the pricing page. Source: https://platform.claude.com/docs/en/about-claude/pricing,
		// stored copies, undated (a newer one from Fable 5.1 down to Opus 4, an older one
		// from Opus 4.6 down to Haiku 3); https://docs.anthropic.com/en/docs/about-claude/pricing,
		// stored copy, undated (Claude Sonnet 3.5, Sonnet 4's long context);
		// https://platform.claude.com/docs/zh-CN/models/{sonnet-5,sonnet-5-5,haiku-5-5}/overview,
		// stored copies, undated. The pricing page names models, not ids: the ids are those
		// of the models' overview pages and launch notes (no date suffix from Opus 4.6 on).
		p.put("claude-fable-5", claude(10.00, 12.50, 20.00, 1.00, 50.00));
		p.put("claude-mythos-5", claude(10.00, 12.50, 20.00, 1.00, 50.00)); // limited availability
		p.put("claude-opus-5", claude(5.00, 6.25, 10.00, 0.50, 25.00));
		p.put("claude-opus-4-8", claude(5.00, 6.25, 10.00, 0.50, 25.00));
		p.put("claude-opus-4-7", claude(5.00, 6.25, 10.00, 0.50, 25.00));
		p.put("claude-opus-4-6", claude(5.00, 6.25, 10.00, 0.50, 25.00));
		p.put("claude-opus-4-5", claude(5.00, 6.25, 10.00, 0.50, 25.00));
		p.put("claude-opus-4-1", claude(15.00, 18.75, 30.00, 1.50, 75.00)); // retired but on Bedrock, Vertex
		p.put("claude-opus-4", claude(15.00, 18.75, 30.00, 1.50, 75.00)); // retired but on Vertex
		// Conflict: the stored Sonnet 5.5 page reads $0.20 cache reads; a repository copy of
		// the newer English docs ("5% on Claude Opus 5.5 and Claude Sonnet 5.5") and two
		// third-party release notes ("cut to $0.10 from 2026-10-07") say $0.10. The stored
		// official page is used.
		p.put("claude-sonnet-5-5", claude(2.00, 2.50, 4.00, 0.20, 10.00));
		p.put("claude-sonnet-5", claude(2.00, 2.50, 4.00, 0.20, 10.00));
		p.put("claude-sonnet-4-6", claude(3.00, 3.75, 6.00, 0.30, 15.00));
		// Retires 2026-11-30. No official copy shows its 1M-context tier, so none is built in.
		p.put("claude-sonnet-4-5", claude(3.00, 3.75, 6.00, 0.30, 15.00));
		// Above 200K input tokens: $6 input and $22.50 output as stated; the tier's cache
		// prices are not stated: they are the page's multipliers (1.25x, 2x, 0.1x) of $6,
		// as in LiteLLM.
		p.put("claude-sonnet-4", claude(3.00, 3.75, 6.00, 0.30, 15.00).withLongContext(200_000,
				claude(6.00, 7.50, 12.00, 0.60, 22.50)));
		// Above 100,000 prompt tokens. The stored page is cut off after the lower 1h write:
		// both cache reads and the upper 1h write are from a repository copy of
		// https://platform.claude.com/docs/en/models/haiku-5-5/overview ("Released October 7, 2026").
		p.put("claude-haiku-5-5", claude(0.10, 0.125, 0.20, 0.01, 0.50).withLongContext(100_000,
				claude(0.50, 0.625, 1.00, 0.05, 2.50)));
		p.put("claude-haiku-4-5", claude(1.00, 1.25, 2.00, 0.10, 5.00));
		p.put("claude-3-7-sonnet", claude(3.00, 3.75, 6.00, 0.30, 15.00)); // deprecated
		p.put("claude-3-5-sonnet", claude(3.00, 3.75, 6.00, 0.30, 15.00)); // deprecated
		p.put("claude-3-5-haiku", claude(0.80, 1.00, 1.60, 0.08, 4.00));
		p.put("claude-3-opus", claude(15.00, 18.75, 30.00, 1.50, 75.00)); // deprecated
		p.put("claude-3-haiku", claude(0.25, 0.30, 0.50, 0.03, 1.25)); // 5m write and read as listed

		// Google Gemini, gemini(input, output, context-cache read), prompts up to 200K tokens.
		// Source: none. https://ai.google.dev/gemini-api/docs/pricing had no stored copy, so no
		// long-context tier is built in, not even Gemini 2.5 Pro's.
		// Conflict: a Google forum post quotes that page at $0.31 cache reads for 2.5 Pro.
		p.put("gemini-2.5-pro", gemini(1.25, 10.00, 0.125)); // unverified; 2025-11-01 table, = LiteLLM
		p.put("gemini-2.5-flash", gemini(0.30, 2.50, 0.03)); // unverified; 2025-11-01 table
		p.put("gemini-2.5-flash-lite", gemini(0.10, 0.40, 0.01)); // unverified; 2025-11-01 table
		p.put("gemini-2.0-flash", gemini(0.10, 0.40, 0.025)); // unverified; 2025-11-01 table
		p.put("gemini-2.0-flash-lite", gemini(0.075, 0.30, 0.075)); // unverified; 2025-11-01 table
		PRICES = Map.copyOf(p);
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

	/** OpenAI: no cache-write charge apart, a cached-input (read) discount. */
	private static ModelPrice openAi(double input, double cachedInput, double output) {
		return new ModelPrice(input, output, cachedInput, input);
	}

	/** Anthropic: five-minute and one-hour cache writes, cache reads. */
	private static ModelPrice claude(double input, double cacheWrite5m, double cacheWrite1h, double cacheRead,
			double output) {
		return new ModelPrice(input, output, cacheRead, cacheWrite5m).withCacheWrite1h(cacheWrite1h);
	}

	/** Google: context-cache reads; the hourly cache storage fee is not a token price. */
	private static ModelPrice gemini(double input, double output, double cacheRead) {
		return new ModelPrice(input, output, cacheRead, input);
	}

}
