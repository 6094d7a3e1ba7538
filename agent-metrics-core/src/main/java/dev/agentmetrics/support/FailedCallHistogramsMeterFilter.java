package dev.agentmetrics.support;

import java.util.Set;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Leaves the failed calls, runs and tool calls of agent-metrics' timers with a single
 * {@code +Inf} bucket, so that they keep their count, sum and max without a series per
 * bucket. Latency quantiles read successful calls, so the buckets of failures would cost
 * series and answer no question.
 *
 * <p>
 * The {@code +Inf} bucket stays because Prometheus' exposition cannot mix histogram and
 * summary series in one family: a filter that turned the histogram off for some series of
 * a timer only would make the whole scrape fail. A filter of your own, ordered after this
 * one, can decide differently per tag; keep that rule.
 *
 * @author agent-metrics
 */
public class FailedCallHistogramsMeterFilter implements MeterFilter {

	/** Names of the timers whose failures this filter strips of their buckets. */
	public static final Set<String> METERS = Set.of(AgentMeters.LLM_REQUESTS.getName(), AgentMeters.RUNS.getName(), AgentMeters.TOOL_CALLS.getName());

	private static final String OUTCOME = AgentTag.OUTCOME.asString();

	private static final String SUCCESS = AgentTag.OUTCOME_SUCCESS;

	private static final DistributionStatisticConfig INFINITY_ONLY = DistributionStatisticConfig.builder()
		.percentilesHistogram(false)
		.serviceLevelObjectives(Double.POSITIVE_INFINITY)
		.build();

	@Override
	public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
		if (!METERS.contains(id.getName())) {
			return config;
		}
		String outcome = id.getTag(OUTCOME);
		return (outcome == null || SUCCESS.equals(outcome)) ? config : INFINITY_ONLY.merge(config);
	}

}
