package dev.agentmetrics.support;

import java.util.Map;
import java.util.function.Predicate;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives agent-metrics' timers and distribution summaries their default histograms
 * ({@link DefaultBuckets}). As a meter filter ordered before Spring Boot's, it leaves
 * {@code management.metrics.distribution.*} the last word: Boot's settings replace or add
 * to the default buckets, and a meter whose percentile histogram the application turned
 * off gets no defaults at all.
 *
 * @author agent-metrics
 */
public class HistogramDefaultsMeterFilter implements MeterFilter {

	private final Map<String, DistributionStatisticConfig> defaults;

	private final Predicate<String> turnedOff;

	/**
	 * Create a filter applying the given defaults.
	 * @param defaults default distribution configuration by meter name
	 */
	public HistogramDefaultsMeterFilter(Map<String, DistributionStatisticConfig> defaults) {
		this(defaults, (name) -> false);
	}

	/**
	 * Create a filter applying the given defaults to the meters whose histogram the
	 * application did not turn off.
	 * @param defaults default distribution configuration by meter name
	 * @param turnedOff whether the application turned the histogram of a meter off, by
	 * meter name
	 */
	public HistogramDefaultsMeterFilter(Map<String, DistributionStatisticConfig> defaults,
			Predicate<String> turnedOff) {
		this.defaults = Map.copyOf(defaults);
		this.turnedOff = turnedOff;
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		DistributionStatisticConfig defaults = this.defaults.get(id.getName());
		if (defaults == null || this.turnedOff.test(id.getName())) {
			return config;
		}
		// The defaults win over the builder's own (a timer builder always sets 1 ms to 30 s);
		// Boot's properties filter runs after this one and wins over both.
		return defaults.merge(config);
	}

}
