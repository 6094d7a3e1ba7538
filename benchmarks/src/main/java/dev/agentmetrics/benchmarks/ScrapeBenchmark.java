package dev.agentmetrics.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
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
 * A Prometheus scrape of a registry holding the given number of series, counters of the
 * starter's token meter with distinct tag values, to see that its cost grows linearly.
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

	private PrometheusMeterRegistry registry;

	/**
	 * Register the series and check that a scrape writes every one of them.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		this.registry = Fixtures.registry();
		for (int i = 0; i < this.series; i++) {
			Counter.builder(AgentMeters.LLM_TOKENS)
				.baseUnit("tokens")
				.tags(AgentMeters.AGENT, "agent-" + i, AgentMeters.PROVIDER, Fixtures.PROVIDER, AgentMeters.MODEL,
						Fixtures.RESPONSE_MODEL, AgentMeters.TYPE, AgentMeters.TYPE_INPUT)
				.register(this.registry)
				.increment(i + 1);
		}
		long written = this.registry.scrape().lines().filter((line) -> line.startsWith("agent_llm_tokens")).count();
		Checks.check(written == this.series, "a scrape wrote " + written + " of " + this.series + " series");
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
