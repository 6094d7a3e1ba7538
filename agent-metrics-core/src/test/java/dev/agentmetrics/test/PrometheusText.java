package dev.agentmetrics.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsed {@code /actuator/prometheus} text, for asserting exact sample values.
 */
public final class PrometheusText {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final List<Sample> samples;

	private final String text;

	private PrometheusText(String text, List<Sample> samples) {
		this.text = text;
		this.samples = samples;
	}

	/**
	 * Parse the given exposition text.
	 * @param text the text
	 * @return the parsed samples
	 */
	public static PrometheusText parse(String text) {
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = SAMPLE.matcher(line);
			if (!matcher.find()) {
				continue;
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (matcher.group(3) != null) {
				Matcher label = LABEL.matcher(matcher.group(3));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(4))));
		}
		return new PrometheusText(text, List.copyOf(samples));
	}

	/**
	 * Return the sum of the samples of the given name whose labels include the given ones.
	 * @param name the sample name, such as {@code agent_llm_tokens_total}
	 * @param labels label names and values, alternating
	 * @return the sum, 0 when nothing matches
	 */
	public double sum(String name, String... labels) {
		return matching(name, labels).stream().mapToDouble(Sample::value).sum();
	}

	/**
	 * Return the samples of the given name whose labels include the given ones.
	 * @param name the sample name
	 * @param labels label names and values, alternating
	 * @return the samples
	 */
	public List<Sample> matching(String name, String... labels) {
		if (labels.length % 2 != 0) {
			throw new IllegalArgumentException("Labels come in name/value pairs");
		}
		return this.samples.stream().filter((sample) -> sample.name().equals(name)).filter((sample) -> {
			for (int i = 0; i < labels.length; i += 2) {
				if (!labels[i + 1].equals(sample.labels().get(labels[i]))) {
					return false;
				}
			}
			return true;
		}).toList();
	}

	/**
	 * Return all samples.
	 * @return the samples
	 */
	public List<Sample> samples() {
		return this.samples;
	}

	@Override
	public String toString() {
		return this.text;
	}

	/**
	 * One sample line.
	 *
	 * @param name the sample name
	 * @param labels the labels
	 * @param value the value
	 */
	public record Sample(String name, Map<String, String> labels, double value) {
	}

}
