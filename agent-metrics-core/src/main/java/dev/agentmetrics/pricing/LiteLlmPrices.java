package dev.agentmetrics.pricing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmetrics.support.JsonReader;

import org.springframework.lang.Nullable;

/**
 * The chat-model prices of a price file in the format of LiteLLM's
 * {@code model_prices_and_context_window.json}, converted from USD per token to USD per
 * million tokens exactly ({@code 1.5e-07} becomes {@code 0.15}).
 *
 * <p>
 * Read are the entries whose {@code mode} is {@code chat}, {@code responses} or absent;
 * {@code sample_spec} and other modes are left out. Of each entry,
 * {@code input_cost_per_token} and {@code output_cost_per_token} are required;
 * {@code cache_read_input_token_cost} and {@code cache_creation_input_token_cost} default
 * to the input price, {@code cache_creation_input_token_cost_above_1hr} to the cache-write
 * price, {@code output_cost_per_reasoning_token} to the output price. The same fields
 * suffixed {@code _above_<n>k_tokens} ({@code 128k}, {@code 200k}, {@code 272k}) make a
 * long-context tier above n × 1000 prompt tokens, whose fields default in the same way
 * within the tier. Service-tier fields ({@code _flex}, {@code _priority},
 * {@code _batches}), regional multipliers and every other field are ignored.
 *
 * <p>
 * An entry missing its input or output price (in its tier too), with a price that is not
 * a number of zero or more, or with more than one tier threshold is skipped and reported
 * in {@link #skipped()}, never priced by a guess. An entry is priced under its key; a
 * {@code gemini} entry with a provider prefix ({@code gemini/gemini-2.5-pro}) also under
 * its bare name, unless the file prices the bare name itself.
 *
 * @author agent-metrics
 */
public final class LiteLlmPrices {

	private static final String SAMPLE_SPEC = "sample_spec";

	private static final Set<String> CHAT_MODES = Set.of("chat", "responses");

	private static final String INPUT = "input_cost_per_token";

	private static final String OUTPUT = "output_cost_per_token";

	private static final String CACHE_READ = "cache_read_input_token_cost";

	private static final String CACHE_WRITE = "cache_creation_input_token_cost";

	private static final String CACHE_WRITE_1H = "cache_creation_input_token_cost_above_1hr";

	private static final String REASONING = "output_cost_per_reasoning_token";

	private static final Set<String> FIELDS = Set.of(INPUT, OUTPUT, CACHE_READ, CACHE_WRITE, CACHE_WRITE_1H,
			REASONING);

	private static final Pattern TIER_FIELD = Pattern.compile("(.+)_above_(\\d{1,6})k_tokens");

	private final Map<String, ModelPrice> prices;

	private final List<Skipped> skipped;

	private LiteLlmPrices(Map<String, ModelPrice> prices, List<Skipped> skipped) {
		this.prices = Collections.unmodifiableMap(prices);
		this.skipped = Collections.unmodifiableList(skipped);
	}

	/**
	 * Read the prices of a price file.
	 * @param json the text of the file
	 * @return its prices
	 * @throws JsonReader.MalformedJsonException if the text is not JSON
	 * @throws IllegalArgumentException if the JSON is not an object of entries
	 */
	public static LiteLlmPrices parse(String json) {
		Object root = JsonReader.read(json);
		if (!(root instanceof Map<?, ?> entries)) {
			throw new IllegalArgumentException(
					"not a LiteLLM price file: expected a JSON object of models, found " + kind(root));
		}
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		Map<String, ModelPrice> gemini = new LinkedHashMap<>();
		List<Skipped> skipped = new ArrayList<>();
		entries.forEach((key, value) -> {
			String model = (String) key;
			if (SAMPLE_SPEC.equals(model)) {
				return;
			}
			if (model.isBlank()) {
				skipped.add(new Skipped(model, "an empty model name"));
				return;
			}
			if (!(value instanceof Map<?, ?> entry)) {
				skipped.add(new Skipped(model, "not an object but " + kind(value)));
				return;
			}
			if (!isChat(entry.get("mode"))) {
				return;
			}
			try {
				ModelPrice price = price(entry);
				prices.put(model, price);
				int slash = model.indexOf('/');
				if (slash > 0 && slash < model.length() - 1 && "gemini".equals(entry.get("litellm_provider"))) {
					gemini.putIfAbsent(model.substring(slash + 1), price);
				}
			}
			catch (IllegalArgumentException ex) {
				skipped.add(new Skipped(model, ex.getMessage()));
			}
		});
		Set<String> priced = new HashSet<>();
		prices.keySet().forEach((model) -> priced.add(model.toLowerCase(Locale.ROOT)));
		gemini.forEach((bare, price) -> {
			if (priced.add(bare.toLowerCase(Locale.ROOT))) {
				prices.put(bare, price);
			}
		});
		return new LiteLlmPrices(prices, skipped);
	}

	private static boolean isChat(@Nullable Object mode) {
		return mode == null || CHAT_MODES.contains(mode);
	}

	private static ModelPrice price(Map<?, ?> entry) {
		Map<String, BigDecimal> base = new LinkedHashMap<>();
		Map<String, BigDecimal> tier = new LinkedHashMap<>();
		long threshold = 0;
		for (Map.Entry<?, ?> field : entry.entrySet()) {
			String name = (String) field.getKey();
			if (FIELDS.contains(name)) {
				putPrice(base, name, field.getValue());
				continue;
			}
			Matcher matcher = TIER_FIELD.matcher(name);
			if (matcher.matches() && FIELDS.contains(matcher.group(1))) {
				long above = Long.parseLong(matcher.group(2)) * 1000;
				if (above == 0) {
					throw new IllegalArgumentException("a long-context threshold of 0 tokens (" + name + ")");
				}
				if (threshold != 0 && above != threshold) {
					throw new IllegalArgumentException(
							"more than one long-context threshold (" + threshold + " and " + above + " tokens)");
				}
				threshold = above;
				putPrice(tier, matcher.group(1), field.getValue());
			}
		}
		ModelPrice price = prices(base, "");
		if (threshold > 0) {
			price = price.withLongContext(threshold, prices(tier, "_above_" + (threshold / 1000) + "k_tokens"));
		}
		if (!price.isValid()) {
			throw new IllegalArgumentException("a price too large to be a double");
		}
		return price;
	}

	private static void putPrice(Map<String, BigDecimal> prices, String name, @Nullable Object value) {
		if (value == null) {
			// JSON null: no price, as if absent.
			return;
		}
		if (!(value instanceof BigDecimal price) || price.signum() < 0) {
			throw new IllegalArgumentException(name + " is " + describe(value) + ", not a number of USD zero or more");
		}
		prices.put(name, price);
	}

	private static ModelPrice prices(Map<String, BigDecimal> prices, String suffix) {
		double input = perMillion(required(prices, INPUT, suffix));
		double output = perMillion(required(prices, OUTPUT, suffix));
		double cacheRead = optional(prices, CACHE_READ, input);
		double cacheWrite = optional(prices, CACHE_WRITE, input);
		return new ModelPrice(input, output, cacheRead, cacheWrite)
			.withCacheWrite1h(optional(prices, CACHE_WRITE_1H, cacheWrite))
			.withReasoning(optional(prices, REASONING, output));
	}

	private static BigDecimal required(Map<String, BigDecimal> prices, String name, String suffix) {
		BigDecimal price = prices.get(name);
		if (price == null) {
			throw new IllegalArgumentException("no " + name + suffix);
		}
		return price;
	}

	private static double optional(Map<String, BigDecimal> prices, String name, double fallback) {
		BigDecimal price = prices.get(name);
		return (price != null) ? perMillion(price) : fallback;
	}

	/** USD per token to USD per million tokens, exactly in decimal, rounded once. */
	private static double perMillion(BigDecimal perToken) {
		return perToken.movePointRight(6).doubleValue();
	}

	private static String describe(Object value) {
		return (value instanceof String text) ? "the string \"" + text + "\"" : kind(value);
	}

	private static String kind(@Nullable Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof Map) {
			return "an object";
		}
		if (value instanceof List) {
			return "an array";
		}
		if (value instanceof String) {
			return "a string";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		return "the number " + ((BigDecimal) value).toPlainString();
	}

	/**
	 * Return the prices by model name, in the file's order, the bare names of Gemini
	 * entries last.
	 * @return the prices in USD per million tokens
	 */
	public Map<String, ModelPrice> prices() {
		return this.prices;
	}

	/**
	 * Return the chat entries that were skipped, with why.
	 * @return the skipped entries, in the file's order
	 */
	public List<Skipped> skipped() {
		return this.skipped;
	}

	/**
	 * A chat entry of the file that prices nothing.
	 *
	 * @param model the entry's key
	 * @param reason why it was skipped, such as {@code no output_cost_per_token}
	 */
	public record Skipped(String model, String reason) {

		@Override
		public String toString() {
			return this.model + " (" + this.reason + ")";
		}

	}

}
