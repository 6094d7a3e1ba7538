/**
 * Pricing: the {@link dev.agentmetrics.pricing.PriceTable} that turns token counts into USD,
 * the built-in {@link dev.agentmetrics.pricing.DefaultPrices default prices}, and the
 * {@link dev.agentmetrics.pricing.LayeredPriceTable table} that adds the prices of a
 * {@link dev.agentmetrics.pricing.PriceFile price file} in LiteLLM's format and reloads it.
 */
package dev.agentmetrics.pricing;
