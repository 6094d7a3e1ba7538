package dev.agentmetrics.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.pricing.PriceTable;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link PriceTable} from the built-in prices and
 * {@code agent-metrics.pricing.*}.
 *
 * @author agent-metrics
 */
@AutoConfiguration(afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
		BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnAgentMetricsEnabled
@EnableConfigurationProperties(PricingProperties.class)
public class PricingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public PriceTable agentMetricsPriceTable(ObjectProvider<PricingProperties> pricingProperties,
			Environment environment) {
		// Before binding, which would turn a malformed name into a confusing price.
		PriceKeys.check(environment);
		PricingProperties properties = pricingProperties.getObject();
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		if (properties.isDefaultsEnabled()) {
			prices.putAll(DefaultPrices.prices());
		}
		properties.getModels().forEach((model, price) -> prices.put(model, toModelPrice(model, price)));
		return new PrefixMatchingPriceTable(prices);
	}

	private static ModelPrice toModelPrice(String model, PricingProperties.Price price) {
		// Checked here too, so that bad prices fail start-up without a Bean Validation
		// provider on the classpath.
		String property = "agent-metrics.pricing.models.[" + model + "].";
		ModelPrice modelPrice = prices(property, price);
		PricingProperties.LongContext longContext = price.getLongContext();
		if (longContext != null) {
			String tierProperty = property + "long-context.";
			Long threshold = longContext.getThreshold();
			if (threshold == null || threshold <= 0) {
				throw new InvalidAgentMetricsPropertyException(tierProperty + "threshold",
						(threshold != null) ? threshold : "(not set)",
						"a positive number of prompt tokens above which the long-context prices apply");
			}
			modelPrice = modelPrice.withLongContext(threshold, prices(tierProperty, longContext));
		}
		return modelPrice;
	}

	private static ModelPrice prices(String property, PricingProperties.TokenPrices price) {
		double input = required(property + "input", price.getInput());
		double output = required(property + "output", price.getOutput());
		double cacheRead = optional(property + "cache-read", price.getCacheRead(), input);
		double cacheWrite = optional(property + "cache-write", price.getCacheWrite(), input);
		return new ModelPrice(input, output, cacheRead, cacheWrite)
			.withCacheWrite1h(optional(property + "cache-write-1h", price.getCacheWrite1h(), cacheWrite))
			.withReasoning(optional(property + "reasoning", price.getReasoning(), output));
	}

	private static double optional(String property, Double value, double fallback) {
		return (value != null) ? valid(property, value) : fallback;
	}

	private static double required(String property, Double value) {
		if (value == null) {
			throw new InvalidAgentMetricsPropertyException(property, "(not set)",
					"set: the price in USD per million tokens");
		}
		return valid(property, value);
	}

	private static double valid(String property, double value) {
		if (!(value >= 0) || !Double.isFinite(value)) {
			throw new InvalidAgentMetricsPropertyException(property, value,
					"a number of USD per million tokens, zero or more");
		}
		return value;
	}

}
