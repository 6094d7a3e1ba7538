package dev.agentmetrics.pricing;

import dev.agentmetrics.AgentTag;

/**
 * Where a price of a {@link LayeredPriceTable} comes from, in order of precedence.
 *
 * @author agent-metrics
 */
public enum PriceSource {

	/** Prices configured with {@code agent-metrics.pricing.models}. */
	CONFIGURED(AgentTag.SOURCE_CONFIGURED),

	/** Prices read from the price file. */
	FILE(AgentTag.SOURCE_FILE),

	/** The built-in {@link DefaultPrices}. */
	BUILTIN(AgentTag.SOURCE_BUILTIN);

	private final String tagValue;

	PriceSource(String tagValue) {
		this.tagValue = tagValue;
	}

	/**
	 * Return the value of the {@link AgentTag#SOURCE source} tag of this source.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
