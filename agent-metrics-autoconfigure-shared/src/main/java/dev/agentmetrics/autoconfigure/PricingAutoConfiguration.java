package dev.agentmetrics.autoconfigure;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.LayeredPriceTable;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceFile;
import dev.agentmetrics.pricing.PriceFileException;
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
import org.springframework.core.io.ResourceLoader;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the {@link PriceTable} from {@code agent-metrics.pricing.*}: the
 * configured prices, the price file and the built-in prices, in that order of precedence.
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

	private static final String FILE = "agent-metrics.pricing.file";

	private static final String REFRESH = "agent-metrics.pricing.refresh";

	private static final String READABLE_PRICE_FILE = "a readable price file in the format of LiteLLM's "
			+ "model_prices_and_context_window.json";

	@Bean
	@ConditionalOnMissingBean(PriceTable.class)
	public LayeredPriceTable agentMetricsPriceTable(ObjectProvider<PricingProperties> pricingProperties,
			Environment environment, MeterRegistry registry, ResourceLoader resourceLoader) {
		// Before binding, which would turn a malformed name into a confusing price.
		PriceKeys.check(environment);
		PricingProperties properties = pricingProperties.getObject();
		Map<String, ModelPrice> configured = new LinkedHashMap<>();
		properties.getModels().forEach((model, price) -> configured.put(model, toModelPrice(model, price)));
		PriceFile file = priceFile(properties.getFile(), resourceLoader.getClassLoader());
		LayeredPriceTable.Builder builder = LayeredPriceTable.builder()
			.configured(configured)
			.file(file)
			.refresh(refresh(properties.getRefresh(), file));
		if (properties.isDefaultsEnabled()) {
			builder.builtin(DefaultPrices.prices(), LocalDate.parse(DefaultPrices.AS_OF));
		}
		LayeredPriceTable table;
		try {
			table = builder.build();
		}
		catch (PriceFileException ex) {
			throw new InvalidAgentMetricsPropertyException(FILE, file, READABLE_PRICE_FILE, "Make '" + FILE
					+ "' name " + READABLE_PRICE_FILE + ", or remove it to price from the configured and built-in "
					+ "prices alone.", ex);
		}
		table.bindTo(registry);
		return table;
	}

	@Nullable
	private static PriceFile priceFile(@Nullable String location, @Nullable ClassLoader classLoader) {
		if (location == null) {
			return null;
		}
		if (!StringUtils.hasText(location)) {
			throw new InvalidAgentMetricsPropertyException(FILE, "(empty)",
					"a filesystem path or a file:, classpath:, http:// or https:// URL");
		}
		try {
			return new PriceFile(location, classLoader);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidAgentMetricsPropertyException(FILE, location, ex.getMessage());
		}
	}

	@Nullable
	private static Duration refresh(@Nullable Duration refresh, @Nullable PriceFile file) {
		if (refresh == null) {
			return null;
		}
		if (refresh.isNegative() || refresh.isZero()) {
			throw new InvalidAgentMetricsPropertyException(REFRESH, refresh, "a positive duration, such as 6h");
		}
		if (file == null) {
			throw new InvalidAgentMetricsPropertyException(REFRESH, refresh, "set only with " + FILE,
					"Set '" + FILE + "' to the price file to reload, or remove '" + REFRESH + "'.");
		}
		return refresh;
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
