package dev.agentmetrics.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.test.Histograms;
import dev.agentmetrics.test.PrometheusText;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every histogram meter of agent-metrics, recorded through its recorder with known values,
 * whole and fractional, below the first bound, on bounds and above the last, and scraped
 * from Boot's Prometheus registry: each bucket holds exactly the values at or under its
 * bound, and {@code histogram_quantile} reads what those buckets say.
 */
class DefaultBucketsTests {

	private static final double[] QUANTILES = { 0.5, 0.9, 0.95, 0.99 };

	private final MockClock clock = new MockClock();

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
			new PrometheusRegistry(), this.clock);

	private final DefaultErrorClassifier classifier = new DefaultErrorClassifier();

	private final ErrorMetrics errors = new ErrorMetrics(this.registry);

	private final LlmMetrics llm;

	private final RunMetrics runs;

	private final ToolMetrics tools;

	DefaultBucketsTests() {
		this.registry.config()
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.llm()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.runs()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.tools()))
			.meterFilter(new FailedCallHistogramsMeterFilter());
		this.llm = new LlmMetrics(this.registry, new PrefixMatchingPriceTable(DefaultPrices.prices()), this.classifier,
				this.errors, List.of(new OpenAiUsageReader()));
		this.runs = new RunMetrics(this.registry, this.classifier, this.errors);
		this.tools = new ToolMetrics(this.registry, this.classifier, this.errors, LoopDetection.DEFAULTS, "default",
				null, TagValueLimiter.unlimited());
	}

	@Test
	void llmRequestLatencyLandsInItsBuckets() {
		double[] seconds = { 0.042, 0.1, 0.1005, 0.35, 0.351, 0.62, 0.9, 1.75, 2.2, 2.2, 3.14, 7.5, 12.3, 33.3, 64,
				100, 150 };
		for (double value : seconds) {
			LlmCall call = this.llm.start("support", "openai", "gpt-4o-mini", false);
			this.clock.add(nanos(value));
			this.llm.success(call, response());
		}
		assertBuckets(AgentMeters.LLM_REQUESTS.getName(), seconds(DefaultBuckets.LLM_REQUESTS), seconds, "outcome", "success");
	}

	@Test
	void timeToFirstTokenLandsInItsBuckets() {
		double[] seconds = { 0.031, 0.05, 0.0501, 0.149, 0.333, 0.7, 0.95, 1.2, 2.75, 5.5, 9.99, 25, 45 };
		for (double value : seconds) {
			LlmCall call = this.llm.start("support", "openai", "gpt-4o-mini", true);
			this.clock.add(nanos(value));
			this.llm.chunk(call, response());
			this.clock.add(Duration.ofSeconds(1));
			this.llm.success(call, null);
		}
		assertBuckets(AgentMeters.LLM_TIME_TO_FIRST_TOKEN.getName(), seconds(DefaultBuckets.TIME_TO_FIRST_TOKEN), seconds);
	}

	@Test
	void toolCallLatencyLandsInItsBuckets() {
		double[] seconds = { 0.0004, 0.00015, 0.0011, 0.0025, 0.0042, 0.01, 0.0125, 0.033, 0.075, 0.2, 0.549, 1.1, 1.9,
				3.3, 14.2, 29.9, 31, 120 };
		for (double value : seconds) {
			this.tools.call(tool(value), "{}", null);
		}
		assertBuckets(AgentMeters.TOOL_CALLS.getName(), seconds(DefaultBuckets.TOOL_CALLS), seconds, "outcome", "success");
	}

	@Test
	void runDurationLandsInItsBuckets() {
		double[] seconds = { 0.2, 0.5, 0.75, 1.6, 2.5, 4.4, 9.5, 16, 29, 31, 54.9, 99, 150, 250, 599.5, 900 };
		for (double value : seconds) {
			AgentRunContext run = this.runs.start("support");
			this.clock.add(nanos(value));
			this.runs.finish(run, null);
		}
		assertBuckets(AgentMeters.RUNS.getName(), seconds(DefaultBuckets.RUNS), seconds, "outcome", "success");
	}

	@Test
	void fractionalRunCostsLandInTheirBucketsInMicroUsd() {
		// Before micro-USD, Micrometer rounded each of these up to 1 USD, or 2, before it
		// picked a bucket: histogram_quantile(0.9) read 0.95 USD for runs of 0.0005 USD.
		double[] usd = { 0.00003, 0.00012, 0.00037, 0.00051, 0.0009, 0.0042, 0.0123, 0.017, 0.049, 0.25, 0.8, 1.3, 2.2,
				4.0 };
		for (double cost : usd) {
			AgentRunContext run = this.runs.start("support");
			run.llmCall(cost, 0, 0);
			this.runs.finish(run, null);
		}
		double[] microUsd = Arrays.stream(usd).map((cost) -> cost * AgentMeters.MICRO_USD_PER_USD).toArray();
		assertBuckets(AgentMeters.RUN_COST.getName(), DefaultBuckets.RUN_COST_MICRO_USD, microUsd);
		PrometheusText scrape = scrape();
		assertThat(scrape.sum("agent_run_cost_microusd_sum")).isCloseTo(Arrays.stream(microUsd).sum(),
				org.assertj.core.api.Assertions.within(1e-6));
		assertThat(scrape.sum("agent_run_cost_microusd_max")).isCloseTo(4_000_000, org.assertj.core.api.Assertions.within(1e-6));
	}

	@Test
	void runCallCountsLandInTheirBuckets() {
		double[] counts = { 0, 1, 1, 2, 3, 4, 6, 9, 14, 40 };
		for (double count : counts) {
			AgentRunContext run = this.runs.start("support");
			for (int i = 0; i < count; i++) {
				run.llmCall(0, 0, 0);
				run.toolCall();
			}
			this.runs.finish(run, null);
		}
		assertBuckets(AgentMeters.RUN_LLM_CALLS.getName(), DefaultBuckets.RUN_CALL_COUNTS, counts);
		assertBuckets(AgentMeters.RUN_TOOL_CALLS.getName(), DefaultBuckets.RUN_CALL_COUNTS, counts);
	}

	@Test
	void failedCallsKeepCountSumAndMaxWithOnlyTheInfiniteBucket() {
		LlmCall call = this.llm.start("support", "openai", "gpt-4o-mini", false);
		this.clock.add(Duration.ofMillis(1500));
		this.llm.failure(call, new TransientAiException("HTTP 503 - overloaded"));
		AgentRunContext run = this.runs.start("support");
		this.clock.add(Duration.ofSeconds(3));
		this.runs.finish(run, new IllegalStateException("no"));
		assertThatException().isThrownBy(() -> this.tools.call(failingTool(), "{}", null));
		PrometheusText scrape = scrape();
		for (String family : List.of("agent_llm_requests_seconds", "agent_runs_seconds", "agent_tool_calls_seconds")) {
			assertThat(scrape.matching(family + "_bucket", "outcome", "error"))
				.singleElement()
				.satisfies((sample) -> {
					assertThat(sample.labels()).containsEntry("le", "+Inf");
					assertThat(sample.value()).isOne();
				});
			assertThat(scrape.sum(family + "_count", "outcome", "error")).isOne();
		}
		assertThat(scrape.sum("agent_llm_requests_seconds_sum", "outcome", "error")).isEqualTo(1.5);
		assertThat(scrape.sum("agent_llm_requests_seconds_max", "outcome", "error")).isEqualTo(1.5);
		assertThat(scrape.sum("agent_runs_seconds_sum", "outcome", "error")).isEqualTo(3);
	}

	private void assertBuckets(String meter, double[] bounds, double[] values, String... labels) {
		PrometheusText scrape = scrape();
		String family = scrape.samples()
			.stream()
			.map(PrometheusText.Sample::name)
			.filter((name) -> name.startsWith(meter.replace('.', '_') + "_") && name.endsWith("_bucket"))
			.findFirst()
			.map((name) -> name.substring(0, name.length() - "_bucket".length()))
			.orElseThrow(() -> new AssertionError("no buckets of " + meter + " in\n" + scrape));
		TreeMap<Double, Double> scraped = Histograms.scraped(scrape, family, labels);
		TreeMap<Double, Double> expected = Histograms.exact(bounds, values);
		assertThat(scraped).as("buckets of %s", family).isEqualTo(expected);
		for (double q : QUANTILES) {
			double quantile = Histograms.quantile(q, scraped);
			double exact = Histograms.exactQuantile(q, values);
			assertThat(quantile).as("histogram_quantile(%s) of %s", q, family)
				.isEqualTo(Histograms.quantile(q, expected))
				.isBetween(lowerBound(bounds, exact), upperBound(bounds, exact));
		}
	}

	/** The bound of the bucket below the one holding the value: where interpolation starts. */
	private static double lowerBound(double[] bounds, double value) {
		double lower = 0;
		for (double bound : bounds) {
			if (bound >= value) {
				return lower;
			}
			lower = bound;
		}
		return bounds[bounds.length - 1];
	}

	/** The bound of the bucket holding the value, or the highest bound past it. */
	private static double upperBound(double[] bounds, double value) {
		for (double bound : bounds) {
			if (bound >= value) {
				return bound;
			}
		}
		return bounds[bounds.length - 1];
	}

	private PrometheusText scrape() {
		return PrometheusText.parse(this.registry.scrape());
	}

	private ToolCallback tool(double seconds) {
		return new TimedTool(this.clock, nanos(seconds), false);
	}

	private ToolCallback failingTool() {
		return new TimedTool(this.clock, Duration.ofMillis(20), true);
	}

	private static double[] seconds(Duration[] bounds) {
		return Arrays.stream(bounds).mapToDouble((bound) -> bound.toNanos() / 1e9).toArray();
	}

	private static Duration nanos(double seconds) {
		return Duration.ofNanos(Math.round(seconds * 1e9));
	}

	private static ChatResponse response() {
		return StubChatModel.response("Hello", "gpt-4o-mini", StubChatModel.openAiUsage(100, 10, 0, 0));
	}

	private record TimedTool(MockClock clock, Duration duration, boolean fails) implements ToolCallback {

		@Override
		public ToolDefinition getToolDefinition() {
			return DefaultToolDefinition.builder().name("lookup").description("A test tool").inputSchema("{}").build();
		}

		@Override
		public String call(String toolInput) {
			this.clock.add(this.duration);
			if (this.fails) {
				throw new IllegalStateException("lookup failed");
			}
			return "ok";
		}

	}

}
