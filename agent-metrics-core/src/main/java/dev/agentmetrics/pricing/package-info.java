/**
 * Pricing: the {@link dev.agentmetrics.pricing.PriceTable} that turns token counts into USD,
 * and the built-in {@link dev.agentmetrics.pricing.DefaultPrices default prices}.
 */
package dev.agentmetrics.pricing;
