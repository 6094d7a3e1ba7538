package dev.agentmetrics.sample.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.cumulative.CumulativeDistributionSummary;
import io.micrometer.core.instrument.cumulative.CumulativeTimer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.pause.PauseDetector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A second meter registry for the sample app under test that keeps every value recorded
 * into one of agent-metrics' timers or distribution summaries, in order: the true values behind the histograms
 * Prometheus scrapes. With it, Spring Boot meters through a composite registry that hands
 * every recording to both this registry and the Prometheus one, so the two see the same
 * calls.
 */
final class RecordedValues extends SimpleMeterRegistry {

	private final List<Value> values = new ArrayList<>();

	/**
	 * Return how many values have been recorded so far: a mark to take values from.
	 * @return the number of values
	 */
	synchronized int mark() {
		return this.values.size();
	}

	/**
	 * Return the values recorded between two marks.
	 * @param from the earlier mark
	 * @param to the later mark
	 * @return the values, in the order they were recorded
	 */
	synchronized List<Value> between(int from, int to) {
		return List.copyOf(this.values.subList(from, to));
	}

	private synchronized void add(Meter.Id id, boolean timer, double value) {
		// agent-metrics' meters only: not Boot's HTTP timers, which scrapes move.
		if (id.getName().startsWith("agent.")) {
			this.values.add(new Value(prometheusName(id, timer), tags(id), value));
		}
	}

	@Override
	protected Timer newTimer(Meter.Id id, DistributionStatisticConfig distributionStatisticConfig,
			PauseDetector pauseDetector) {
		return new CumulativeTimer(id, this.clock, distributionStatisticConfig, pauseDetector, getBaseTimeUnit(),
				false) {

			@Override
			protected void recordNonNegative(long amount, TimeUnit unit) {
				super.recordNonNegative(amount, unit);
				add(id, true, unit.toNanos(amount));
			}

		};
	}

	@Override
	protected DistributionSummary newDistributionSummary(Meter.Id id,
			DistributionStatisticConfig distributionStatisticConfig, double scale) {
		return new CumulativeDistributionSummary(id, this.clock, distributionStatisticConfig, scale, false) {

			@Override
			protected void recordNonNegative(double amount) {
				// Micrometer passes the amount already scaled, as the histograms see it.
				super.recordNonNegative(amount);
				add(id, false, amount);
			}

		};
	}

	/**
	 * The name Prometheus shows for a meter's histogram, without {@code _bucket}: timers
	 * in seconds, summaries with their base unit.
	 */
	private static String prometheusName(Meter.Id id, boolean timer) {
		String name = id.getName().replace('.', '_');
		if (timer) {
			return name + "_seconds";
		}
		return (id.getBaseUnit() != null) ? name + "_" + id.getBaseUnit() : name;
	}

	private static Map<String, String> tags(Meter.Id id) {
		Map<String, String> tags = new TreeMap<>();
		for (Tag tag : id.getTagsAsIterable()) {
			tags.put(tag.getKey(), tag.getValue());
		}
		return tags;
	}

	/**
	 * One value recorded.
	 *
	 * @param metric the name Prometheus shows, such as {@code agent_llm_requests_seconds}
	 * @param tags the meter's tags
	 * @param value for a timer the duration in nanoseconds, for a summary the amount
	 * after the summary's scale (micro-USD for the run cost)
	 */
	record Value(String metric, Map<String, String> tags, double value) {
	}

}
