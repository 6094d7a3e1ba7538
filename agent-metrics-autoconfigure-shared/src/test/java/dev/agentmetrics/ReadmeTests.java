package dev.agentmetrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Metrics" and "Configuration" tables against the code, on each line: every
 * meter of the {@link AgentMeters} catalogue has a row with its Prometheus name, type and
 * tags, and every row a meter; every property of the
 * configuration metadata the line's jar ships has a row, every row a property, and literal
 * defaults agree.
 */
class ReadmeTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)` \\|([^|]*)\\|");

	private static final PrometheusNamingConvention PROMETHEUS = new PrometheusNamingConvention();

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void metricsTableListsEveryMeterAndNoOther() throws Exception {
		Set<String> documented = new TreeSet<>(rows("## Metrics").keySet());
		Set<String> meters = new TreeSet<>();
		for (AgentMeters meter : AgentMeters.values()) {
			meters.add(meter.getName());
		}
		assertThat(documented).isEqualTo(meters);
	}

	@Test
	void metricsTableGivesEachMeterItsPrometheusNameTypeAndTags() throws Exception {
		Map<String, List<String>> rows = rows("## Metrics");
		for (AgentMeters meter : AgentMeters.values()) {
			List<String> cells = rows.get(meter.getName());
			String prometheus = PROMETHEUS.name(meter.getName(), meter.getType(),
					(meter.getType() == Meter.Type.TIMER) ? "seconds" : meter.getBaseUnit());
			assertThat(cells.get(0)).as("Prometheus name of %s", meter).startsWith("`" + prometheus);
			assertThat(cells.get(1)).as("type of %s", meter).startsWith(typeName(meter.getType()));
			List<String> tags = new ArrayList<>();
			for (KeyName key : meter.getKeyNames()) {
				tags.add(key.asString());
			}
			assertThat(tagNames(cells.get(2))).as("tags of %s", meter).isEqualTo(tags);
		}
	}

	private static String typeName(Meter.Type type) {
		return switch (type) {
			case TIMER -> "Timer";
			case COUNTER -> "Counter";
			case GAUGE -> "Gauge";
			case DISTRIBUTION_SUMMARY -> "DistributionSummary";
			default -> throw new IllegalArgumentException(type.toString());
		};
	}

	/** The tag keys of a tags cell: its code spans outside parentheses. */
	private static List<String> tagNames(String cell) {
		List<String> names = new ArrayList<>();
		Matcher matcher = CODE.matcher(cell.replaceAll("\\([^)]*\\)", ""));
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	@Test
	void configurationTableListsEveryPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		firstCells("## Configuration").forEach((name, defaultValue) -> documented.put(
				name.startsWith("agent-metrics.pricing.models.") ? "agent-metrics.pricing.models"
						: name.startsWith("agent-metrics.budgets.") ? "agent-metrics.budgets"
								: name.equals("agent-metrics.alerts.webhook.headers.*")
										? "agent-metrics.alerts.webhook.headers" : name,
				defaultValue.trim()));
		JsonNode metadata = agentMetricsMetadata();
		Set<String> properties = new TreeSet<>();
		List<String> wrongDefaults = new ArrayList<>();
		for (JsonNode property : metadata.path("properties")) {
			String name = property.path("name").asText();
			properties.add(name);
			JsonNode defaultValue = property.path("defaultValue");
			String cell = documented.get(name);
			if (defaultValue.isValueNode() && cell != null && cell.matches("`[^` ]+`")
					&& !cell.equals("`" + defaultValue.asText() + "`")) {
				wrongDefaults.add(name + ": README " + cell + ", code " + defaultValue.asText());
			}
		}
		assertThat(new TreeSet<>(documented.keySet())).isEqualTo(properties);
		assertThat(wrongDefaults).isEmpty();
	}

	/** The configuration metadata agent-metrics ships, among every jar's on the classpath. */
	private static JsonNode agentMetricsMetadata() throws IOException {
		ObjectMapper json = new ObjectMapper();
		Enumeration<URL> candidates = ReadmeTests.class.getClassLoader().getResources(METADATA);
		while (candidates.hasMoreElements()) {
			URL candidate = candidates.nextElement();
			try (InputStream in = candidate.openStream()) {
				JsonNode metadata = json.readTree(in);
				if (metadata.path("groups").toString().contains("\"agent-metrics\"")) {
					return metadata;
				}
			}
		}
		throw new AssertionError("No " + METADATA + " of agent-metrics on the classpath");
	}

	/** The cells after the first of every row of the first table under the given heading. */
	private static Map<String, List<String>> rows(String heading) throws IOException {
		Map<String, List<String>> rows = new LinkedHashMap<>();
		for (String line : table(heading)) {
			String[] cells = line.split("\\|");
			Matcher matcher = CODE.matcher(cells[1]);
			if (matcher.find()) {
				List<String> rest = new ArrayList<>();
				for (int i = 2; i < cells.length; i++) {
					rest.add(cells[i].trim());
				}
				rows.put(matcher.group(1), rest);
			}
		}
		return rows;
	}

	/** The first two cells of every row of the first table under the given heading. */
	private static Map<String, String> firstCells(String heading) throws IOException {
		Map<String, String> cells = new LinkedHashMap<>();
		for (String line : table(heading)) {
			Matcher matcher = FIRST_CELL.matcher(line);
			if (matcher.find()) {
				cells.put(matcher.group(1), matcher.group(2));
			}
		}
		return cells;
	}

	/** The lines of the first table under the given heading. */
	private static List<String> table(String heading) throws IOException {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf(heading);
		assertThat(start).as("README heading %s", heading).isNotNegative();
		List<String> table = new ArrayList<>();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("|")) {
				table.add(line);
			}
			else if (!table.isEmpty() || line.startsWith("## ")) {
				break;
			}
		}
		return table;
	}

}
