package dev.agentmetrics.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the price table that turns tokens into cost.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.pricing")
public class PricingProperties {

	/**
	 * Whether to start from the built-in prices of well-known OpenAI, Anthropic and Google
	 * models.
	 */
	private boolean defaultsEnabled = true;

	/**
	 * Prices in USD per million tokens, by model name or model-name prefix. Use the bracket
	 * form for names with dots, such as "[gpt-4.1]". An entry replaces the built-in entry
	 * of the same name.
	 */
	private final Map<String, Price> models = new LinkedHashMap<>();

	/**
	 * Location of a price file in the format of LiteLLM's
	 * model_prices_and_context_window.json: a filesystem path or a "file:", "classpath:",
	 * "http://" or "https://" URL. Its prices take precedence over the built-in ones, and
	 * configured models over both.
	 */
	private String file;

	/**
	 * How often to reload the price file. When not set, the file is read once, at start-up.
	 */
	private Duration refresh;

	public boolean isDefaultsEnabled() {
		return this.defaultsEnabled;
	}

	public void setDefaultsEnabled(boolean defaultsEnabled) {
		this.defaultsEnabled = defaultsEnabled;
	}

	public Map<String, Price> getModels() {
		return this.models;
	}

	public String getFile() {
		return this.file;
	}

	public void setFile(String file) {
		this.file = file;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		this.refresh = refresh;
	}

	/**
	 * Prices of one kind of token each, in USD per million tokens.
	 */
	public abstract static class TokenPrices {

		/**
		 * Price of prompt tokens not read from or written to the prompt cache.
		 */
		private Double input;

		/**
		 * Price of completion tokens, reasoning tokens included unless priced apart.
		 */
		private Double output;

		/**
		 * Price of prompt tokens read from the prompt cache. When not set, the input price.
		 */
		private Double cacheRead;

		/**
		 * Price of prompt tokens written to the prompt cache (Anthropic's five-minute
		 * cache). When not set, the input price.
		 */
		private Double cacheWrite;

		/**
		 * Price of prompt tokens written to Anthropic's one-hour cache. When not set, the
		 * cache-write price.
		 */
		private Double cacheWrite1h;

		/**
		 * Price of reasoning tokens. When not set, the output price.
		 */
		private Double reasoning;

		public Double getInput() {
			return this.input;
		}

		public void setInput(Double input) {
			this.input = input;
		}

		public Double getOutput() {
			return this.output;
		}

		public void setOutput(Double output) {
			this.output = output;
		}

		public Double getCacheRead() {
			return this.cacheRead;
		}

		public void setCacheRead(Double cacheRead) {
			this.cacheRead = cacheRead;
		}

		public Double getCacheWrite() {
			return this.cacheWrite;
		}

		public void setCacheWrite(Double cacheWrite) {
			this.cacheWrite = cacheWrite;
		}

		public Double getCacheWrite1h() {
			return this.cacheWrite1h;
		}

		public void setCacheWrite1h(Double cacheWrite1h) {
			this.cacheWrite1h = cacheWrite1h;
		}

		public Double getReasoning() {
			return this.reasoning;
		}

		public void setReasoning(Double reasoning) {
			this.reasoning = reasoning;
		}

	}

	/**
	 * Prices of one model in USD per million tokens.
	 */
	public static class Price extends TokenPrices {

		/**
		 * Prices of requests whose prompt exceeds a number of tokens.
		 */
		@NestedConfigurationProperty
		private LongContext longContext;

		public LongContext getLongContext() {
			return this.longContext;
		}

		public void setLongContext(LongContext longContext) {
			this.longContext = longContext;
		}

	}

	/**
	 * Prices of a model's requests whose prompt, cached tokens included, exceeds a number of
	 * tokens; the whole request is priced at them.
	 */
	public static class LongContext extends TokenPrices {

		/**
		 * Most prompt tokens of a request priced at the model's base prices.
		 */
		private Long threshold;

		public Long getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Long threshold) {
			this.threshold = threshold;
		}

	}

}
