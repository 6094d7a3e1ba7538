package dev.agentmetrics.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.agentmetrics.AgentMeters;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * The default histogram bucket boundaries of agent-metrics' timers and distribution
 * summaries, each chosen for the range its meter needs (see the README's "Histograms").
 *
 * <p>
 * Boundaries are explicit rather than Micrometer's percentile histogram (about 50 buckets
 * per series): roughly geometric, so that {@code histogram_quantile} has the same relative
 * error across the range. Every boundary is a whole number in the unit the meter records
 * (nanoseconds, micro-USD, calls): Micrometer rounds a recorded value up to a whole number
 * before placing it in a bucket, and {@code ceil(v) <= b} equals {@code v <= b} only for a
 * whole-numbered {@code b}.
 *
 * @author agent-metrics
 */
public final class DefaultBuckets {

	/** Buckets of {@code agent.llm.requests}: 100 ms to 120 s. */
	public static final Duration[] LLM_REQUESTS = millis(100, 200, 350, 500, 750, 1_000, 1_500, 2_000, 3_000, 4_000,
			6_000, 8_000, 12_000, 16_000, 24_000, 32_000, 48_000, 64_000, 120_000);

	/** Buckets of {@code agent.llm.time.to.first.token}: 50 ms to 30 s. */
	public static final Duration[] TIME_TO_FIRST_TOKEN = millis(50, 100, 150, 250, 400, 700, 1_200, 2_000, 3_500,
			6_000, 10_000, 18_000, 30_000);

	/**
	 * Buckets of {@code agent.tool.calls}: 1 ms to 30 s, as tools range from in-process
	 * lookups to remote calls.
	 */
	public static final Duration[] TOOL_CALLS = micros(1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000,
			500_000, 1_000_000, 2_500_000, 5_000_000, 10_000_000, 30_000_000);

	/** Buckets of {@code agent.runs}: 500 ms to 10 minutes. */
	public static final Duration[] RUNS = millis(500, 1_000, 1_600, 3_000, 5_000, 10_000, 17_000, 30_000, 55_000,
			100_000, 180_000, 330_000, 600_000);

	/** Buckets of {@code agent.run.cost}, in micro-USD: 0.0001 to 2.5 USD. */
	public static final double[] RUN_COST_MICRO_USD = { 100, 175, 300, 550, 1_000, 1_750, 3_000, 5_500, 10_000,
			17_500, 30_000, 55_000, 100_000, 175_000, 300_000, 550_000, 1_000_000, 1_750_000, 2_500_000 };

	/**
	 * Buckets of {@code agent.run.llm.calls} and {@code agent.run.tool.calls}. Micrometer
	 * allows no boundary of 0, and counts are whole, so {@code le="0.5"} counts the runs
	 * with none.
	 */
	public static final double[] RUN_CALL_COUNTS = { 0.5, 1, 2, 3, 5, 8, 13, 21, 34 };

	private DefaultBuckets() {
	}

	/**
	 * Return the default histograms of the LLM-call timers.
	 * @return the configurations by meter name
	 */
	public static Map<String, DistributionStatisticConfig> llm() {
		return Map.of(AgentMeters.LLM_REQUESTS.getName(), timer(LLM_REQUESTS), AgentMeters.LLM_TIME_TO_FIRST_TOKEN.getName(),
				timer(TIME_TO_FIRST_TOKEN));
	}

	/**
	 * Return the default histograms of the agent-run meters.
	 * @return the configurations by meter name
	 */
	public static Map<String, DistributionStatisticConfig> runs() {
		return Map.of(AgentMeters.RUNS.getName(), timer(RUNS), AgentMeters.RUN_COST.getName(), buckets(RUN_COST_MICRO_USD),
				AgentMeters.RUN_LLM_CALLS.getName(), buckets(RUN_CALL_COUNTS), AgentMeters.RUN_TOOL_CALLS.getName(),
				buckets(RUN_CALL_COUNTS));
	}

	/**
	 * Return the default histogram of the tool-call timer.
	 * @return the configurations by meter name
	 */
	public static Map<String, DistributionStatisticConfig> tools() {
		return Map.of(AgentMeters.TOOL_CALLS.getName(), timer(TOOL_CALLS));
	}

	/**
	 * Return the configuration of a timer with the given bucket boundaries and no
	 * percentile histogram.
	 * @param boundaries the boundaries
	 * @return the configuration
	 */
	public static DistributionStatisticConfig timer(Duration... boundaries) {
		return buckets(Arrays.stream(boundaries).mapToDouble((boundary) -> (double) boundary.toNanos()).toArray());
	}

	/**
	 * Return the configuration of a distribution summary with the given bucket boundaries
	 * and no percentile histogram.
	 * @param boundaries the boundaries, in the unit the summary records
	 * @return the configuration
	 */
	public static DistributionStatisticConfig buckets(double... boundaries) {
		return DistributionStatisticConfig.builder()
			.percentilesHistogram(false)
			.serviceLevelObjectives(boundaries.clone())
			.build();
	}

	private static Duration[] micros(long... micros) {
		return Arrays.stream(micros).mapToObj((value) -> Duration.ofNanos(value * 1_000)).toArray(Duration[]::new);
	}

	private static Duration[] millis(long... millis) {
		return Arrays.stream(millis).mapToObj(Duration::ofMillis).toArray(Duration[]::new);
	}

}
