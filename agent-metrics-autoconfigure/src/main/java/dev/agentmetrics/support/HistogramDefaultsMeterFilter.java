package dev.agentmetrics.support;

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

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		DistributionStatisticConfig defaults = this.defaults.get(id.getName());
		// The defaults win over the builder's own (a timer builder always sets 1 ms to 30 s);
		// Boot's properties filter runs after this one and wins over both.
		return (defaults != null) ? defaults.merge(config) : config;
	}

}
