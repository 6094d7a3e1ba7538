package dev.agentmetrics.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Prometheus scrape of a registry holding the given number of series, to see how its
 * cost grows. A series is one sample line of the scrape, as Prometheus counts them.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
// A scrape of 100k series takes a third of a second and allocates ~200 MB: longer warmup
// and iterations, or the 100k average still holds compilation and the first old-gen GCs.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class ScrapeBenchmark {

	/** How many series the registry holds. */
	@Param({ "1000", "10000", "100000" })
	public int series;

	/**
	 * What the series are: {@code counters}, one {@code agent.llm.tokens} counter per series
	 * with a distinct {@code agent}, all in one family (the worst case for the Prometheus
	 * client, which sorts each family's series on every scrape); {@code calls}, what the
	 * starter registers for LLM calls of distinct agents (the request timer's histogram,
	 * tokens, prompt cache and cost), spread over its families as in an application.
	 */
	@Param({ "counters", "calls" })
	public String shape;

	private PrometheusMeterRegistry registry;

	/**
	 * Register the series and check that a scrape writes every one of them.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		this.registry = registry(this.series, this.shape);
	}

	/**
	 * Return a registry holding the given number of series of the given shape, checked.
	 * @param series how many series
	 * @param shape {@code counters} or {@code calls}
	 * @return the registry
	 */
	static PrometheusMeterRegistry registry(int series, String shape) {
		PrometheusMeterRegistry registry = Fixtures.registry();
		switch (shape) {
			case "counters" -> registerCounters(registry, series);
			case "calls" -> registerCalls(registry, series);
			default -> throw new IllegalArgumentException("Unknown shape '" + shape + "'");
		}
		return registry;
	}

	private static void registerCounters(PrometheusMeterRegistry registry, int series) {
		for (int i = 0; i < series; i++) {
			Counter.builder(AgentMeters.LLM_TOKENS.getName())
				.baseUnit("tokens")
				.tags(AgentTag.AGENT.asString(), "agent-" + i, AgentTag.PROVIDER.asString(), Fixtures.PROVIDER, AgentTag.MODEL.asString(),
						Fixtures.RESPONSE_MODEL, AgentTag.TYPE.asString(), AgentTag.TYPE_INPUT)
				.register(registry)
				.increment(i + 1);
		}
		long written = registry.scrape().lines().filter((line) -> line.startsWith("agent_llm_tokens")).count();
		Checks.check(written == series, "a scrape wrote " + written + " of " + series + " series");
	}

	private static void registerCalls(PrometheusMeterRegistry registry, int series) {
		// Without tag limits, so that the series can grow past what an application keeps.
		LlmMetrics metrics = new LlmMetrics(registry, new PrefixMatchingPriceTable(DefaultPrices.prices()),
				new DefaultErrorClassifier(), new ErrorMetrics(registry), List.of(new OpenAiUsageReader()));
		call(metrics, 0);
		long perAgent = samples(registry);
		long agents = (series + perAgent - 1) / perAgent;
		for (int i = 1; i < agents; i++) {
			call(metrics, i);
		}
		long written = samples(registry);
		Checks.check(written >= series && written < series + perAgent,
				"a scrape wrote " + written + " series, " + perAgent + " per agent, for " + series);
	}

	private static void call(LlmMetrics metrics, int agent) {
		LlmCall call = metrics.start("agent-" + agent, Fixtures.PROVIDER, Fixtures.REQUESTED_MODEL, false);
		metrics.success(call, Fixtures.RESPONSE);
	}

	private static long samples(PrometheusMeterRegistry registry) {
		return registry.scrape().lines().filter((line) -> !line.isEmpty() && !line.startsWith("#")).count();
	}

	/**
	 * Scrape every series in Prometheus' text format.
	 * @return the scrape
	 */
	@Benchmark
	public String scrape() {
		return this.registry.scrape();
	}

}
