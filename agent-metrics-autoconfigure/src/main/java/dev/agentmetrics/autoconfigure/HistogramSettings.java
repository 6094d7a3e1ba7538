package dev.agentmetrics.autoconfigure;

import java.util.Map;
import java.util.function.Predicate;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsProperties;

/**
 * Reads {@code management.metrics.distribution.percentiles-histogram.*} as Spring Boot
 * does (the longest dotted prefix of a meter name, then {@code all}), so that setting it
 * to {@code false} turns agent-metrics' default buckets off too. Boot itself cannot: an
 * empty {@code slo} list does not replace bucket boundaries a filter set earlier.
 *
 * @author agent-metrics
 */
final class HistogramSettings {

	private HistogramSettings() {
	}

	/**
	 * Return whether the application turned the histogram of a meter off, by meter name.
	 * @param properties Boot's metrics properties, if any
	 * @return the predicate
	 */
	static Predicate<String> turnedOff(ObjectProvider<MetricsProperties> properties) {
		MetricsProperties metrics = properties.getIfAvailable();
		if (metrics == null) {
			return (name) -> false;
		}
		Map<String, Boolean> settings = metrics.getDistribution().getPercentilesHistogram();
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
