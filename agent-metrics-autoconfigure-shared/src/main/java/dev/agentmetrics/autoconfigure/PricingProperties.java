package dev.agentmetrics.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

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

	public boolean isDefaultsEnabled() {
		return this.defaultsEnabled;
	}

	public void setDefaultsEnabled(boolean defaultsEnabled) {
		this.defaultsEnabled = defaultsEnabled;
	}

	public Map<String, Price> getModels() {
		return this.models;
	}

	/**
	 * Prices of one model in USD per million tokens.
	 */
	public static class Price {

		/**
		 * Price of uncached prompt tokens.
		 */
		private Double input;

		/**
		 * Price of completion tokens, reasoning tokens included.
		 */
		private Double output;

		/**
		 * Price of prompt tokens read from the prompt cache. When not set, the input price.
		 */
		private Double cacheRead;

		/**
		 * Price of prompt tokens written to the prompt cache. When not set, the input
		 * price.
		 */
		private Double cacheWrite;

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

	}

}
