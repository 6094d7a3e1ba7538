package dev.agentmetrics.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Prometheus computes from a classic histogram, for asserting quantiles the way a
 * dashboard reads them: the cumulative buckets of a scrape, the buckets a set of values
 * belongs in, and {@code histogram_quantile} (Prometheus 2.x's {@code bucketQuantile}:
 * linear interpolation inside the bucket holding the rank, the highest finite bound when
 * the rank falls into {@code +Inf}).
 */
public final class Histograms {

	private Histograms() {
	}

	/**
	 * Return the cumulative bucket counts of one histogram series of a scrape.
	 * @param scrape the scrape
	 * @param family the family name, without {@code _bucket}
	 * @param labels label names and values that select the series
	 * @return the counts by upper bound, {@code +Inf} included
	 */
	public static TreeMap<Double, Double> scraped(PrometheusText scrape, String family, String... labels) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (PrometheusText.Sample sample : scrape.matching(family + "_bucket", labels)) {
			String le = sample.labels().get("le");
			double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
			buckets.merge(bound, sample.value(), Double::sum);
		}
		return buckets;
	}

	/**
	 * Return the cumulative counts the given values belong in, each counted in every
	 * bucket whose bound is at least the value.
	 * @param bounds the finite upper bounds
	 * @param values the values
	 * @return the counts by upper bound, {@code +Inf} included
	 */
	public static TreeMap<Double, Double> exact(double[] bounds, double... values) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (double bound : bounds) {
			buckets.put(bound, (double) Arrays.stream(values).filter((value) -> value <= bound).count());
		}
		buckets.put(Double.POSITIVE_INFINITY, (double) values.length);
		return buckets;
	}

	/**
	 * Return {@code histogram_quantile(q, ...)} of the given cumulative buckets.
	 * @param q the quantile
	 * @param buckets the cumulative counts by upper bound, {@code +Inf} included
	 * @return the quantile, {@code NaN} without observations
	 */
	public static double quantile(double q, Map<Double, Double> buckets) {
		List<Map.Entry<Double, Double>> sorted = new ArrayList<>(new TreeMap<>(buckets).entrySet());
		int last = sorted.size() - 1;
		if (sorted.size() < 2 || sorted.get(last).getKey() != Double.POSITIVE_INFINITY) {
			return Double.NaN;
		}
		double observations = sorted.get(last).getValue();
		if (observations == 0) {
			return Double.NaN;
		}
		double rank = q * observations;
		int b = 0;
		while (b < last && sorted.get(b).getValue() < rank) {
			b++;
		}
		if (b == last) {
			return sorted.get(last - 1).getKey();
		}
		double start = 0;
		double end = sorted.get(b).getKey();
		double count = sorted.get(b).getValue();
		if (b > 0) {
			start = sorted.get(b - 1).getKey();
			count -= sorted.get(b - 1).getValue();
			rank -= sorted.get(b - 1).getValue();
		}
		return start + (end - start) * (rank / count);
	}

	/**
	 * Return the exact quantile of the given values (nearest rank).
	 * @param q the quantile
	 * @param values the values
	 * @return the value at rank {@code ceil(q * n)}
	 */
	public static double exactQuantile(double q, double... values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
	}

}
