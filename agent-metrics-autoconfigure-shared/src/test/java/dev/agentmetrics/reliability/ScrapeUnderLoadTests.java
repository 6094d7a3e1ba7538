package dev.agentmetrics.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.FailedCallHistogramsMeterFilter;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.test.PrometheusText.Sample;
import dev.agentmetrics.test.PrometheusText;
import dev.agentmetrics.test.TestRecorders;
import dev.agentmetrics.test.TestTools;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.retry.TransientAiException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scrapes {@code /actuator/prometheus} content while two threads record calls, runs and
 * tool calls that keep registering new series: no scrape throws, every line parses, every
 * series of a family has the family's labels, every histogram series is complete, and no
 * count goes down.
 */
class ScrapeUnderLoadTests {

	private static final int RUNS_PER_THREAD = 6_000;

	private static final Set<String> HISTOGRAM_SUFFIXES = Set.of("_count", "_sum", "_max", "_bucket");

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	@Test
	void scrapingWhileTwoThreadsRecordNeverThrowsNorShowsAHalfRegisteredMeter() throws Exception {
		this.registry.config()
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.llm()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.runs()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.tools()))
			.meterFilter(new FailedCallHistogramsMeterFilter());
		TestRecorders starter = TestRecorders.of(this.registry, new TagValueLimiter(100));
		LlmMetrics llm = starter.llm();
		AgentRuns runs = starter.runs();
		ToolMetrics tools = starter.tools();
		// New models keep arriving, so series are registered while the scrapes run.
		StubChatModel model = new StubChatModel().answer((prompt) -> {
			int n = Integer.parseInt(prompt.getUserMessage().getText());
			if (n % 13 == 0) {
				throw new TransientAiException("HTTP 503 - overloaded");
			}
			return StubChatModel.response("ok", "gpt-4o-" + (n % 150), StubChatModel.openAiUsage(100, 10, n % 2 * 50, 0));
		});
		ChatClient chatClient = ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.build();

		List<CompletableFuture<Void>> recorders = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			int thread = t;
			recorders.add(CompletableFuture.runAsync(() -> {
				for (int i = 0; i < RUNS_PER_THREAD; i++) {
					int n = thread * RUNS_PER_THREAD + i;
					String agent = "agent-" + (n % 5);
					runs.run(agent, () -> {
						try {
							chatClient.prompt(Integer.toString(n))
								.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, agent))
								.call()
								.content();
						}
						catch (TransientAiException ex) {
							// Every 13th call fails, to register error series too.
						}
						tools.call(TestTools.named("tool-" + (n % 120)), "{}", null);
					});
				}
			}));
		}
		CompletableFuture<Void> recording = CompletableFuture.allOf(recorders.toArray(CompletableFuture[]::new));

		Map<String, Double> previous = new HashMap<>();
		Map<String, Set<String>> labelKeys = new HashMap<>();
		int scrapes = 0;
		while (!recording.isDone() || scrapes < 5) {
			previous = checkScrape(this.registry.scrape(), previous, labelKeys);
			scrapes++;
		}
		recording.get(1, TimeUnit.MINUTES);
		checkScrape(this.registry.scrape(), previous, labelKeys);

		assertThat(scrapes).isGreaterThanOrEqualTo(5);
		PrometheusText last = PrometheusText.parse(this.registry.scrape());
		assertThat(last.sum("agent_runs_seconds_count")).isEqualTo(2 * RUNS_PER_THREAD);
		assertThat(last.sum("agent_llm_requests_seconds_count")).isEqualTo(2 * RUNS_PER_THREAD);
		assertThat(last.sum("agent_tool_calls_seconds_count")).isEqualTo(2 * RUNS_PER_THREAD);
		assertThat(last.sum("agent_runs_active")).isZero();
	}

	/**
	 * Check one scrape against the rules and the scrape before it; return its counts.
	 */
	private static Map<String, Double> checkScrape(String text, Map<String, Double> previous,
			Map<String, Set<String>> labelKeys) {
		long lines = text.lines().filter((line) -> !line.isBlank() && !line.startsWith("#")).count();
		PrometheusText scrape = PrometheusText.parse(text);
		assertThat(scrape.samples()).as("parsed samples").hasSize((int) lines);
		Map<String, Set<String>> histogramParts = new HashMap<>();
		Map<String, Double> counts = new HashMap<>();
		for (Sample sample : scrape.samples()) {
			if (!sample.name().startsWith("agent_")) {
				continue;
			}
			String family = family(sample.name());
			Map<String, String> labels = new TreeMap<>(sample.labels());
			labels.remove("le");
			Set<String> keys = labelKeys.computeIfAbsent(family, (name) -> labels.keySet());
			assertThat(labels.keySet()).as("labels of %s", sample).isEqualTo(keys);
			if (!family.equals(sample.name())) {
				String suffix = sample.name().substring(family.length());
				String part = suffix.equals("_bucket") ? "_bucket" + sample.labels().get("le") : suffix;
				histogramParts.computeIfAbsent(family + labels, (series) -> new HashSet<>()).add(part);
			}
			if (sample.name().endsWith("_count") || sample.name().endsWith("_total")
					|| sample.name().endsWith("_bucket")) {
				String series = sample.name() + sample.labels();
				counts.put(series, sample.value());
				assertThat(sample.value()).as("%s after the previous scrape", series)
					.isGreaterThanOrEqualTo(previous.getOrDefault(series, 0.0));
			}
		}
		histogramParts.forEach((series, parts) -> {
			assertThat(parts).as("parts of %s", series).contains("_count", "_sum", "_max");
			if (parts.stream().anyMatch((part) -> part.startsWith("_bucket"))) {
				assertThat(parts).as("buckets of %s", series).contains("_bucket+Inf");
			}
		});
		return counts;
	}

	/** The family of a sample: its name without a histogram suffix. */
	private static String family(String name) {
		for (String suffix : HISTOGRAM_SUFFIXES) {
			if (name.endsWith(suffix)) {
				return name.substring(0, name.length() - suffix.length());
			}
		}
		return name;
	}

}
