package dev.agentmetrics;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
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
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Metrics" and "Configuration" tables against the code, on each line: every
 * meter of {@link AgentMeters} has a row and every row a meter; every property of the
 * configuration metadata the line's jar ships has a row, every row a property, and literal
 * defaults agree.
 */
class ReadmeTests {

	private static final Path README = Path.of("..", "README.md");

	private static final String METADATA = "META-INF/spring-configuration-metadata.json";

	private static final Pattern FIRST_CELL = Pattern.compile("^\\| `([^`]+)` \\|([^|]*)\\|");

	@Test
	void metricsTableListsEveryMeterAndNoOther() throws Exception {
		Set<String> documented = new TreeSet<>(firstCells("## Metrics").keySet());
		Set<String> meters = new TreeSet<>();
		for (Field field : AgentMeters.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.get(null) instanceof String value
					&& value.startsWith("agent.")) {
				meters.add(value);
			}
		}
		assertThat(documented).isEqualTo(meters);
	}

	@Test
	void configurationTableListsEveryPropertyWithItsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>();
		firstCells("## Configuration").forEach((name, defaultValue) -> documented.put(
				name.startsWith("agent-metrics.pricing.models.") ? "agent-metrics.pricing.models" : name,
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

	/** The first two cells of every row of the first table under the given heading. */
	private static Map<String, String> firstCells(String heading) throws IOException {
		List<String> lines = Files.readAllLines(README);
		int start = lines.indexOf(heading);
		assertThat(start).as("README heading %s", heading).isNotNegative();
		Map<String, String> cells = new LinkedHashMap<>();
		boolean inTable = false;
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("|")) {
				inTable = true;
				Matcher matcher = FIRST_CELL.matcher(line);
				if (matcher.find()) {
					cells.put(matcher.group(1), matcher.group(2));
				}
			}
			else if (inTable || line.startsWith("## ")) {
				break;
			}
		}
		return cells;
	}

}
