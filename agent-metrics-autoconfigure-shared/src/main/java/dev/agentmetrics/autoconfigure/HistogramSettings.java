package dev.agentmetrics.autoconfigure;

import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Reads {@code management.metrics.distribution.percentiles-histogram.*} as Spring Boot
 * does (the longest dotted prefix of a meter name, then {@code all}), so that setting it
 * to {@code false} turns agent-metrics' default buckets off too. Boot itself cannot: an
 * empty {@code slo} list does not replace bucket boundaries a filter set earlier. Bound
 * from the environment rather than read from Boot's {@code MetricsProperties}, whose
 * package differs between Boot generations.
 *
 * @author agent-metrics
 */
final class HistogramSettings {

	private static final String PROPERTY = "management.metrics.distribution.percentiles-histogram";

	private HistogramSettings() {
	}

	/**
	 * Return whether the application turned the histogram of a meter off, by meter name.
	 * @param environment the environment
	 * @return the predicate
	 */
	static Predicate<String> turnedOff(Environment environment) {
		Map<String, Boolean> settings = Binder.get(environment)
			.bind(PROPERTY, Bindable.mapOf(String.class, Boolean.class))
			.orElse(Map.of());
		return (name) -> Boolean.FALSE.equals(lookup(settings, name));
	}

	private static Boolean lookup(Map<String, Boolean> settings, String name) {
		String candidate = name;
		while (true) {
			Boolean value = settings.get(candidate);
			if (value != null) {
				return value;
			}
			int dot = candidate.lastIndexOf('.');
			if (dot < 0) {
				return settings.get("all");
			}
			candidate = candidate.substring(0, dot);
		}
	}

}
