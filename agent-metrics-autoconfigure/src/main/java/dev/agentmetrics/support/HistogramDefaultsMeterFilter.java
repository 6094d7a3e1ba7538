package dev.agentmetrics.support;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Gives agent-metrics' timers and distribution summaries their default histograms. As a
 * meter filter ordered before Spring Boot's, it leaves
 * {@code management.metrics.distribution.*} the last word.
 *
 * @author agent-metrics
 */
public class HistogramDefaultsMeterFilter implements MeterFilter {

	private final Map<String, DistributionStatisticConfig> defaults;

	/**
	 * Create a filter applying the given defaults.
	 * @param defaults default distribution configuration by meter name
	 */
	public HistogramDefaultsMeterFilter(Map<String, DistributionStatisticConfig> defaults) {
		this.defaults = Map.copyOf(defaults);
	}

	/**
	 * Return a percentile histogram for a timer expecting values between the given ones.
	 * @param min the smallest expected duration
	 * @param max the largest expected duration
	 * @return the configuration
	 */
	public static DistributionStatisticConfig timerHistogram(Duration min, Duration max) {
		return DistributionStatisticConfig.builder()
			.percentilesHistogram(true)
			.minimumExpectedValue((double) min.toNanos())
			.maximumExpectedValue((double) max.toNanos())
			.build();
	}

	/**
	 * Return a histogram with the given bucket boundaries.
	 * @param boundaries the boundaries, all greater than 0
	 * @return the configuration
	 */
	public static DistributionStatisticConfig buckets(double... boundaries) {
		return DistributionStatisticConfig.builder().serviceLevelObjectives(boundaries).build();
	}

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		DistributionStatisticConfig defaults = this.defaults.get(id.getName());
		// The defaults win over the builder's own (a timer builder always sets 1 ms to 30 s);
		// Boot's properties filter runs after this one and wins over both.
		return (defaults != null) ? defaults.merge(config) : config;
	}

}
