package dev.agentmetrics.sample.ops;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.lang.Nullable;

/**
 * A dashboard panel query over a histogram's buckets: a quantile,
 * {@code histogram_quantile(q, sum by (le, ...) (rate(x_bucket{...}[$__rate_interval])))},
 * or a distribution, {@code sum by (le) (increase(x_bucket{...}[$__range]))}.
 *
 * @param title the panel's title
 * @param expr the query as the dashboard has it
 * @param quantile the quantile, or {@code null} for a distribution
 * @param metric the histogram's name, without {@code _bucket}
 * @param by the labels the buckets are summed by, {@code le} left out
 * @param matchers the label matchers of the bucket selector, variables substituted
 */
record HistogramPanel(String title, String expr, @Nullable Double quantile, String metric, List<String> by,
		List<LabelMatcher> matchers) {

	private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "dashboards", "agent-metrics.json");

	private static final Pattern QUANTILE = Pattern.compile("^histogram_quantile\\(([0-9.]+),\\s*(.*)\\)$",
			Pattern.DOTALL);

	private static final Pattern BUCKETS = Pattern.compile(
			"^sum by \\(([^)]*)\\) \\((?:rate|increase)\\((\\w+)_bucket\\{([^}]*)\\}\\[\\$__(?:rate_interval|range)\\]\\)\\)$");

	private static final Pattern MATCHER = Pattern.compile("(\\w+)(=~|!~|!=|=)\"((?:[^\"\\\\]|\\\\.)*)\"");

	/**
	 * Return every panel query of the dashboard that reads a histogram's buckets.
	 * @return the panels' queries, a panel with several queries once per query
	 * @throws IOException if the dashboard cannot be read
	 */
	static List<HistogramPanel> fromDashboard() throws IOException {
		List<HistogramPanel> panels = new ArrayList<>();
		for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				String expr = target.path("expr").asText();
				if (expr.contains("_bucket{")) {
					panels.add(parse(panel.path("title").asText(), expr));
				}
			}
		}
		return panels;
	}

	static HistogramPanel parse(String title, String expr) {
		String buckets = expr.trim();
		Double quantile = null;
		Matcher quantileMatcher = QUANTILE.matcher(buckets);
		if (quantileMatcher.matches()) {
			quantile = Double.valueOf(quantileMatcher.group(1));
			buckets = quantileMatcher.group(2).trim();
		}
		Matcher bucketsMatcher = BUCKETS.matcher(buckets);
		if (!bucketsMatcher.matches()) {
			throw new IllegalArgumentException("Panel '" + title + "': not a query this test understands: " + expr);
		}
		List<String> by = new ArrayList<>();
		for (String label : bucketsMatcher.group(1).split(",")) {
			if (!label.isBlank() && !"le".equals(label.trim())) {
				by.add(label.trim());
			}
		}
		List<LabelMatcher> matchers = new ArrayList<>();
		Matcher matcher = MATCHER.matcher(OpsKitTests.substitute(bucketsMatcher.group(3)));
		while (matcher.find()) {
			matchers.add(new LabelMatcher(matcher.group(1), matcher.group(2), matcher.group(3)));
		}
		return new HistogramPanel(title, expr, quantile, bucketsMatcher.group(2), List.copyOf(by),
				List.copyOf(matchers));
	}

	/**
	 * Return the query as Grafana would send it for all agents and models, with the given
	 * window instead of {@code $__rate_interval} or {@code $__range}.
	 * @param windowMillis the window
	 * @return the query
	 */
	String query(long windowMillis) {
		return OpsKitTests.substitute(this.expr.replace("$__rate_interval", windowMillis + "ms")
			.replace("$__range", windowMillis + "ms"));
	}

	/**
	 * Return the selector of the raw bucket series the panel sums.
	 * @param windowMillis the range
	 * @return the range-vector selector
	 */
	String bucketSelector(long windowMillis) {
		StringBuilder selector = new StringBuilder(this.metric).append("_bucket{");
		for (int i = 0; i < this.matchers.size(); i++) {
			LabelMatcher matcher = this.matchers.get(i);
			selector.append((i > 0) ? "," : "")
				.append(matcher.name())
				.append(matcher.operator())
				.append('"')
				.append(matcher.value())
				.append('"');
		}
		return selector.append("}[").append(windowMillis).append("ms]").toString();
	}

	/**
	 * Tell whether the panel's selector selects a series (or a recorded value) with the
	 * given labels.
	 * @param labels the labels
	 * @return whether every matcher matches
	 */
	boolean selects(Map<String, String> labels) {
		return this.matchers.stream().allMatch((matcher) -> matcher.matches(labels.getOrDefault(matcher.name(), "")));
	}

	/**
	 * Return the group a series or value falls in: its values of the panel's
	 * {@code by} labels.
	 * @param labels the labels
	 * @return the group
	 */
	Map<String, String> group(Map<String, String> labels) {
		Map<String, String> group = new TreeMap<>();
		for (String label : this.by) {
			group.put(label, labels.getOrDefault(label, ""));
		}
		return group;
	}

	/**
	 * Tell whether the histogram is a timer's, whose buckets are in seconds and whose
	 * recorded values are in nanoseconds.
	 * @return whether it is a timer
	 */
	boolean timer() {
		return this.metric.endsWith("_seconds");
	}

	/**
	 * Return a bucket's upper bound in the unit values are recorded in.
	 * @param le the {@code le} label
	 * @return the bound, infinite for {@code +Inf}
	 */
	double recordedUnit(String le) {
		if ("+Inf".equals(le)) {
			return Double.POSITIVE_INFINITY;
		}
		return timer() ? new BigDecimal(le).movePointRight(9).doubleValue() : Double.parseDouble(le);
	}

	/**
	 * Return a value recorded in the unit Prometheus shows.
	 * @param recorded the value as recorded
	 * @return the value, in seconds for a timer
	 */
	double prometheusUnit(double recorded) {
		return timer() ? recorded / 1e9 : recorded;
	}

	/**
	 * A label matcher of PromQL.
	 *
	 * @param name the label
	 * @param operator {@code =}, {@code !=}, {@code =~} or {@code !~}
	 * @param value the value or (fully anchored) regular expression
	 */
	record LabelMatcher(String name, String operator, String value) {

		boolean matches(String actual) {
			return switch (this.operator) {
				case "=" -> actual.equals(this.value);
				case "!=" -> !actual.equals(this.value);
				case "=~" -> actual.matches(this.value);
				case "!~" -> !actual.matches(this.value);
				default -> throw new IllegalStateException(this.operator);
			};
		}

	}

}
