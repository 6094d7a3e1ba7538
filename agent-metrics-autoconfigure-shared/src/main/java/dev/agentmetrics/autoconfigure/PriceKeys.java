package dev.agentmetrics.autoconfigure;

import java.util.Set;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Checks the names of {@code agent-metrics.pricing.models.*} properties before they are
 * bound, because binding silently drops what does not fit: {@code models.gpt-4.1.input}
 * would bind as a model {@code gpt-4} with an unknown field {@code 1}.
 *
 * @author agent-metrics
 */
final class PriceKeys {

	private static final ConfigurationPropertyName MODELS = ConfigurationPropertyName.of("agent-metrics.pricing.models");

	private static final Set<String> FIELDS = Set.of("input", "output", "cacheread", "cachewrite", "cachewrite1h",
			"reasoning");

	private static final Set<String> LONG_CONTEXT_FIELDS = Set.of("input", "output", "cacheread", "cachewrite",
			"cachewrite1h", "reasoning", "threshold");

	private static final String FIELD_NAMES = "agent-metrics.pricing.models.<model>.input, .output, .cache-read, "
			+ ".cache-write, .cache-write-1h, .reasoning or .long-context.(threshold|input|output|...)";

	private PriceKeys() {
	}

	/**
	 * Fail when a property under {@code agent-metrics.pricing.models} is not a price field
	 * of one model.
	 * @param environment the environment
	 * @throws InvalidAgentMetricsPropertyException naming the first malformed property
	 */
	static void check(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			// Environment variable names cannot tell a dot from a dash, so they are left to
			// the binder.
			if (source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource
					|| !(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(MODELS::isAncestorOf).forEach((name) -> {
				if (!isPriceField(name)) {
					ConfigurationProperty property = source.getConfigurationProperty(name);
					throw new InvalidAgentMetricsPropertyException(name.toString(),
							(property != null) ? property.getValue() : "",
							"a price of one model: " + FIELD_NAMES,
							"Use " + FIELD_NAMES + ", and write a model name that contains dots in brackets, such as "
									+ "'agent-metrics.pricing.models.[gpt-4.1].input'.");
				}
			});
		}
	}

	private static boolean isPriceField(ConfigurationPropertyName name) {
		int depth = name.getNumberOfElements() - MODELS.getNumberOfElements();
		String field = name.getLastElement(Form.UNIFORM);
		if (depth == 2) {
			return FIELDS.contains(field);
		}
		return depth == 3 && "longcontext".equals(name.getElement(MODELS.getNumberOfElements() + 1, Form.UNIFORM))
				&& LONG_CONTEXT_FIELDS.contains(field);
	}

}
