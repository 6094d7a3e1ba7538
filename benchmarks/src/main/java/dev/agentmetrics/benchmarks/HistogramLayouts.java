package dev.agentmetrics.benchmarks;

import java.time.Duration;
import java.util.Map;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The starter's histogram layouts compared by {@link ScrapeScenarioBenchmark}: {@code after},
 * the registry as the starter configures it today ({@link Fixtures#registry()}), and
 * {@code before}, the layout of commit cc41cbf, before per-meter buckets (b939e39),
 * reproduced here so that both can be measured in one run on today's recorders.
 *
 * <p>
 * Before b939e39 the auto-configuration gave {@code agent.llm.requests},
 * {@code agent.llm.time.to.first.token} and {@code agent.runs} Micrometer's percentile
 * histogram between a minimum and maximum expected value (failed calls included),
 * {@code agent.run.cost} (then recorded in USD), {@code agent.run.llm.calls} and
 * {@code agent.run.tool.calls} explicit buckets, and {@code agent.tool.calls} no histogram
 * at all. The filter below is the cc41cbf {@code HistogramDefaultsMeterFilter} with its
 * constants, copied rather than shared so that later changes of the starter's filter cannot
 * move the baseline.
 *
 * @author agent-metrics
 */
public final class HistogramLayouts {

	/** Name of today's layout. */
	public static final String AFTER = "after";

	/** Name of the layout before b939e39. */
	public static final String BEFORE = "before";

	/** Run-cost buckets before b939e39, in USD. */
	static final double[] BEFORE_COST_BUCKETS = { 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5 };

	/** Run call-count buckets before b939e39 (unchanged since). */
	static final double[] BEFORE_CALL_COUNT_BUCKETS = { 0.5, 1, 2, 3, 5, 8, 13, 21, 34 };

	private HistogramLayouts() {
	}

	/**
	 * Return a Prometheus registry with the given layout's histogram filters, added before
	 * any meter is registered as Spring Boot adds {@code MeterFilter} beans.
	 * @param layout {@link #BEFORE} or {@link #AFTER}
	 * @return the registry
	 */
	public static PrometheusMeterRegistry registry(String layout) {
		return switch (layout) {
			case AFTER -> Fixtures.registry();
			case BEFORE -> before();
			default -> throw new IllegalArgumentException("Unknown histogram layout '" + layout + "'");
		};
	}

	/**
	 * Prepare the registry for the runs of an agent. Before b939e39 {@code agent.run.cost}
	 * was recorded in USD, without today's {@code scale(1e6)} to micro-USD, which no meter
	 * filter can undo: under {@link #BEFORE} the summary is registered here as cc41cbf's
	 * {@code RunMetrics} built it, and the starter's recorder, registering the same name
	 * and tags later, gets this meter back from the registry.
	 * @param registry the registry
	 * @param layout the registry's layout
	 * @param agent the agent
	 */
	public static void prepareAgent(PrometheusMeterRegistry registry, String layout, String agent) {
		if (BEFORE.equals(layout)) {
			DistributionSummary.builder(AgentMeters.RUN_COST.getName())
				.description("Cost of each agent run: the sum of its LLM calls")
				.baseUnit("usd")
				.tag(AgentTag.AGENT.asString(), agent)
				.register(registry);
		}
	}

	private static PrometheusMeterRegistry before() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		// LlmMetricsAutoConfiguration.agentMetricsLlmHistogramDefaults() and
		// RunMetricsAutoConfiguration.agentMetricsRunHistogramDefaults() of cc41cbf; no
		// tool-call histogram, no failed-call filter.
		registry.config()
			.meterFilter(new BeforeHistogramDefaults(Map.of(AgentMeters.LLM_REQUESTS.getName(),
					timerHistogram(Duration.ofMillis(100), Duration.ofSeconds(120)),
					AgentMeters.LLM_TIME_TO_FIRST_TOKEN.getName(),
					timerHistogram(Duration.ofMillis(50), Duration.ofSeconds(30)))))
			.meterFilter(new BeforeHistogramDefaults(Map.of(AgentMeters.RUNS.getName(),
					timerHistogram(Duration.ofMillis(500), Duration.ofSeconds(600)), AgentMeters.RUN_COST.getName(),
					buckets(BEFORE_COST_BUCKETS), AgentMeters.RUN_LLM_CALLS.getName(), buckets(BEFORE_CALL_COUNT_BUCKETS),
					AgentMeters.RUN_TOOL_CALLS.getName(), buckets(BEFORE_CALL_COUNT_BUCKETS))));
		return registry;
	}

	/** cc41cbf's {@code HistogramDefaultsMeterFilter.timerHistogram}. */
	private static DistributionStatisticConfig timerHistogram(Duration min, Duration max) {
		return DistributionStatisticConfig.builder()
			.percentilesHistogram(true)
			.minimumExpectedValue((double) min.toNanos())
			.maximumExpectedValue((double) max.toNanos())
			.build();
	}

	/** cc41cbf's {@code HistogramDefaultsMeterFilter.buckets}. */
	private static DistributionStatisticConfig buckets(double... boundaries) {
		return DistributionStatisticConfig.builder().serviceLevelObjectives(boundaries).build();
	}

	/** cc41cbf's {@code HistogramDefaultsMeterFilter}: the defaults win over the builder's. */
	private static final class BeforeHistogramDefaults implements MeterFilter {

		private final Map<String, DistributionStatisticConfig> defaults;

		BeforeHistogramDefaults(Map<String, DistributionStatisticConfig> defaults) {
			this.defaults = Map.copyOf(defaults);
		}

		@Override
		public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
			DistributionStatisticConfig defaults = this.defaults.get(id.getName());
			return (defaults != null) ? defaults.merge(config) : config;
		}

	}

}
