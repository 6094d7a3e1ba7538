package dev.agentmetrics.support;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import dev.agentmetrics.test.Histograms;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far {@code histogram_quantile(0.95, ...)} from the default buckets is from the exact
 * 95th percentile, for the shapes each meter sees: log-normal latencies (median and
 * spread), and run costs spread from 0.0001 to 2 USD. Samples are seeded, so the errors
 * are the same on every run; the README states the worst case of each meter.
 * {@link DefaultBucketsTests} proves the buckets are placed as these computations assume.
 */
class DefaultBucketsAccuracyTests {

	private static final int SAMPLES = 20_000;

	private static final double[] SPREADS = { 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 };

	@Test
	void llmRequestLatencyP95IsWithin15PercentForTheThreeShapes() {
		double[] bounds = seconds(DefaultBuckets.LLM_REQUESTS);
		// Median 0.4 s; median 2 s; median 15 s with a tail to 120 s (p99.9).
		assertThat(error(bounds, logNormal(0.4, 0.5))).isLessThanOrEqualTo(0.15);
		assertThat(error(bounds, logNormal(2, 0.6))).isLessThanOrEqualTo(0.15);
		assertThat(error(bounds, logNormal(15, 0.67))).isLessThanOrEqualTo(0.15);
		assertThat(worst(bounds, new double[] { 0.4, 2, 15 })).isLessThanOrEqualTo(0.15);
	}

	@Test
	void runCostP95IsWithin15PercentFromATenThousandthOfADollarToTwoDollars() {
		double[] bounds = DefaultBuckets.RUN_COST_MICRO_USD;
		Random random = new Random(42);
		double[] logUniform = new double[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			logUniform[i] = Math.pow(10, -4 + random.nextDouble() * Math.log10(2e4)) * 1e6;
		}
		assertThat(error(bounds, logUniform)).isLessThanOrEqualTo(0.15);
		for (double median : new double[] { 0.0003, 0.003, 0.03, 0.3 }) {
			assertThat(error(bounds, logNormal(median * 1e6, 1.0))).as("median %s USD", median)
				.isLessThanOrEqualTo(0.15);
		}
	}

	@Test
	void worstCaseOfEveryMeterIsTheOneTheReadmeStates() {
		// Log-normal shapes of these medians with spreads from 0.3 to 1.0: the narrowest
		// spreads, whose values sit within one or two buckets, are the worst.
		assertThat(worst(seconds(DefaultBuckets.LLM_REQUESTS), new double[] { 0.4, 2, 15 })).isLessThanOrEqualTo(0.13);
		assertThat(worst(seconds(DefaultBuckets.TIME_TO_FIRST_TOKEN), new double[] { 0.2, 0.4, 0.7, 1, 2, 3 }))
			.isLessThanOrEqualTo(0.17);
		assertThat(worst(seconds(DefaultBuckets.TOOL_CALLS), new double[] { 0.002, 0.02, 0.05, 0.1, 0.3, 1, 3 }))
			.isLessThanOrEqualTo(0.50);
		assertThat(worst(seconds(DefaultBuckets.RUNS), new double[] { 1, 3, 5, 10, 30, 60 })).isLessThanOrEqualTo(0.31);
		assertThat(worst(DefaultBuckets.RUN_COST_MICRO_USD, new double[] { 300, 3_000, 30_000, 300_000 }))
			.isLessThanOrEqualTo(0.22);
	}

	/** The worst error over log-normal shapes of the given medians and every spread. */
	private static double worst(double[] bounds, double[] medians) {
		double worst = 0;
		for (double median : medians) {
			for (double spread : SPREADS) {
				double[] values = logNormal(median, spread);
				// A p95 past the highest bound is the +Inf bucket's: no bucket set can say it.
				if (Histograms.exactQuantile(0.95, values) <= bounds[bounds.length - 1]) {
					worst = Math.max(worst, error(bounds, values));
				}
			}
		}
		return worst;
	}

	private static double error(double[] bounds, double[] values) {
		double exact = Histograms.exactQuantile(0.95, values);
		return Math.abs(Histograms.quantile(0.95, Histograms.exact(bounds, values)) - exact) / exact;
	}

	private static double[] logNormal(double median, double spread) {
		Random random = new Random(Double.doubleToLongBits(median) ^ Double.doubleToLongBits(spread));
		double[] values = new double[SAMPLES];
		for (int i = 0; i < SAMPLES; i++) {
			values[i] = median * Math.exp(spread * random.nextGaussian());
		}
		return values;
	}

	private static double[] seconds(Duration[] bounds) {
		return Arrays.stream(bounds).mapToDouble((bound) -> bound.toNanos() / 1e9).toArray();
	}

}
