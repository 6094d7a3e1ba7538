package dev.agentmetrics.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A Prometheus scrape of the series the fixed scenario of {@code SeriesBillTests} leaves,
 * with the histogram layout before per-meter buckets (b939e39) and after, in one run: what
 * the smaller series bill saves per scrape, in time and bytes.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ScrapeScenarioBenchmark {

	/**
	 * What a scrape of each layout holds. 158 + 420 = 578, the count SeriesBillTests
	 * recorded for cc41cbf (measured again with cc41cbf's own code); 100 + 91 = 191, what it
	 * measures today.
	 */
	private static final Map<String, Expected> EXPECTED = Map.of(HistogramLayouts.BEFORE,
			new Expected(158, 420, "agent_run_cost_usd_bucket", 11), HistogramLayouts.AFTER,
			new Expected(100, 91, "agent_run_cost_microusd_bucket", 20));

	/**
	 * The histogram layout: {@code before} b939e39 (percentile histograms with failures
	 * included, run cost in USD, no tool-call buckets) or {@code after} (the starter's
	 * configuration today).
	 */
	@Param({ HistogramLayouts.BEFORE, HistogramLayouts.AFTER })
	public String buckets;

	/**
	 * Agents × models the scenario runs for: {@code 1x1} is SeriesBillTests' scenario
	 * itself; in {@code 10x3} each of 10 agents runs it with each of 3 models.
	 */
	@Param({ "1x1", "10x3" })
	public String scale;

	private PrometheusMeterRegistry registry;

	private long expectedSeries;

	/**
	 * Run the scenario into a registry with the layout, and check that a scrape holds the
	 * expected series.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		String[] size = this.scale.split("x");
		int agents = Integer.parseInt(size[0]);
		int models = Integer.parseInt(size[1]);
		Checks.check(models <= FixedScenario.MODELS.size(), "at most " + FixedScenario.MODELS.size() + " models");
		this.registry = HistogramLayouts.registry(this.buckets);
		Fixtures.Starter starter = Fixtures.starter(this.registry);
		for (int agent = 0; agent < agents; agent++) {
			String name = (agent == 0) ? "support" : "support-" + agent;
			HistogramLayouts.prepareAgent(this.registry, this.buckets, name);
			for (int model = 0; model < models; model++) {
				FixedScenario.run(starter, name, FixedScenario.MODELS.get(model));
			}
		}
		Expected expected = EXPECTED.get(this.buckets);
		this.expectedSeries = agents * expected.perAgent() + (long) agents * models * expected.perAgentAndModel();
		String scrape = verify();
		// The run cost has the layout's unit and buckets.
		long runCostBuckets = families(scrape).getOrDefault(expected.runCostBucket(), 0);
		Checks.check(runCostBuckets == (long) agents * expected.runCostBuckets(), "expected "
				+ expected.runCostBuckets() + " " + expected.runCostBucket() + " series per agent, found "
				+ runCostBuckets + " for " + agents + " agents");
		if (HistogramLayouts.BEFORE.equals(this.buckets)) {
			// Recorded in USD, as before micro-USD: the runs of this scenario cost well below 1 USD.
			double cost = this.registry.get(AgentMeters.RUN_COST.getName()).tag(AgentTag.AGENT.asString(), "support").summary().totalAmount();
			Checks.check(cost > 0 && cost < 1, "run cost of 'support' is " + cost + ", not USD");
		}
		report("setup", scrape);
	}

	/**
	 * Check that the scrape still holds the expected series.
	 */
	@TearDown(Level.Trial)
	public void tearDown() {
		report("teardown", verify());
	}

	/** Scrape and check the count of {@code agent_} series. */
	private String verify() {
		String scrape = this.registry.scrape();
		Map<String, Integer> families = families(scrape);
		long series = families.values().stream().mapToLong(Integer::longValue).sum();
		Checks.check(series == this.expectedSeries, "a scrape of layout '" + this.buckets + "' at " + this.scale
				+ " holds " + series + " agent_ series, expected " + this.expectedSeries + ": " + families);
		return scrape;
	}

	private void report(String when, String scrape) {
		System.out.printf("%n[%s] buckets=%s scale=%s: %d agent_ series, %d bytes of scrape%n", when, this.buckets,
				this.scale, this.expectedSeries, scrape.getBytes(StandardCharsets.UTF_8).length);
	}

	/** Count the {@code agent_} series of each family, as SeriesBillTests does. */
	private static Map<String, Integer> families(String scrape) {
		Map<String, Integer> families = new TreeMap<>();
		scrape.lines().filter((line) -> line.startsWith("agent_")).forEach((line) -> {
			int end = line.indexOf('{');
			families.merge((end > 0) ? line.substring(0, end) : line.substring(0, line.indexOf(' ')), 1,
					Integer::sum);
		});
		return families;
	}

	/**
	 * What a scrape of a layout holds.
	 *
	 * @param perAgent {@code agent_} series per agent (runs, run summaries, tool calls, tool
	 * loops, errors)
	 * @param perAgentAndModel {@code agent_} series per agent and model (LLM calls, time to
	 * first token, tokens, prompt cache, cost)
	 * @param runCostBucket the family of {@code agent.run.cost}'s buckets
	 * @param runCostBuckets its series per agent, {@code +Inf} included
	 */
	private record Expected(long perAgent, long perAgentAndModel, String runCostBucket, int runCostBuckets) {
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
