package dev.agentmetrics.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
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
 * The parts of {@link ScrapeBenchmark}'s scrape, to tell where its time grows faster than
 * the number of series: collecting the snapshots (Micrometer's meters to the Prometheus
 * client's model, which sorts each family's series), writing them in the text format to a
 * stream that discards the bytes, and writing them to memory as a scrape does.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class ScrapePartsBenchmark {

	/** How many series the registry holds. */
	@Param({ "10000", "100000" })
	public int series;

	/** What the series are, as in {@link ScrapeBenchmark#shape}. */
	@Param({ "counters", "calls" })
	public String shape;

	private PrometheusMeterRegistry registry;

	private MetricSnapshots snapshots;

	private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

	/**
	 * Register the series and collect them once for the writing benchmarks.
	 */
	@Setup(Level.Trial)
	public void setUp() {
		this.registry = ScrapeBenchmark.registry(this.series, this.shape);
		this.snapshots = this.registry.getPrometheusRegistry().scrape();
	}

	/**
	 * Collect the snapshots of every meter.
	 * @return the snapshots
	 */
	@Benchmark
	public MetricSnapshots collect() {
		return this.registry.getPrometheusRegistry().scrape();
	}

	/**
	 * Write collected snapshots in the text format, discarding the bytes.
	 * @throws IOException never
	 */
	@Benchmark
	public void writeDiscarding() throws IOException {
		this.writer.write(OutputStream.nullOutputStream(), this.snapshots);
	}

	/**
	 * Write collected snapshots in the text format to memory, as a scrape does.
	 * @return the text
	 * @throws IOException never
	 */
	@Benchmark
	public String writeToMemory() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.writer.write(out, this.snapshots);
		return out.toString();
	}

}
