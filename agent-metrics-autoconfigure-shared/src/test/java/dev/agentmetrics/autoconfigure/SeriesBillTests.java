package dev.agentmetrics.autoconfigure;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.test.PrometheusText;
import dev.agentmetrics.tool.MeteredToolCallback;
import dev.agentmetrics.tool.ToolMetrics;
import dev.agentmetrics.test.TestTools;
import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.entry;

/**
 * What a fixed scenario costs in Prometheus series: one agent and one model, blocking calls
 * and streams, each failing with two error kinds, one stream cancelled by its caller, tools
 * (one failing) and runs (one failing), recorded through the auto-configured starter into
 * Boot's Prometheus registry.
 */
class SeriesBillTests {

	/**
	 * {@code agent_} series the same scenario produced before per-meter buckets and
	 * bucket-less failures (commit cc41cbf): 49 buckets for every request, run and failed
	 * call series, 45 for time to first token.
	 */
	static final int SERIES_BEFORE = 578;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootMetrics.prometheus())
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				LlmMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
				RunMetricsAutoConfiguration.class, ToolMetricsAutoConfiguration.class));

	@Test
	void fixedScenarioServesAtMostAThirdOfTheSeriesItUsedTo() {
		this.contextRunner.run((context) -> {
			PrometheusText scrape = runScenario(context.getBean(PrometheusMeterRegistry.class),
					context.getBean(LlmMetrics.class), context.getBean(AgentRuns.class),
					context.getBean(ToolMetrics.class));
			Map<String, Integer> byFamily = seriesByFamily(scrape);
			// The price table's gauges are a few per application, whatever the traffic, and
			// were not there before: counted apart.
			Map<String, Integer> pricing = new TreeMap<>(byFamily);
			pricing.keySet().removeIf((family) -> !family.startsWith("agent_pricing_"));
			byFamily.keySet().removeAll(pricing.keySet());
			assertThat(pricing).containsExactly(entry("agent_pricing_as_of_timestamp_seconds", 1),
					entry("agent_pricing_models", 3));
			int total = byFamily.values().stream().mapToInt(Integer::intValue).sum();
			assertThat(total).as("agent_ series by family: %s", byFamily).isLessThanOrEqualTo(SERIES_BEFORE / 3);
		});
	}

	@Test
	void everyMeterOfTheScenarioFollowsItsCatalogueEntry() {
		this.contextRunner.run((context) -> {
			PrometheusMeterRegistry registry = context.getBean(PrometheusMeterRegistry.class);
			runScenario(registry, context.getBean(LlmMetrics.class), context.getBean(AgentRuns.class),
					context.getBean(ToolMetrics.class));
			Set<AgentMeters> seen = EnumSet.noneOf(AgentMeters.class);
			for (Meter meter : registry.getMeters()) {
				Meter.Id id = meter.getId();
				if (!id.getName().startsWith("agent.")) {
					continue;
				}
				AgentMeters entry = Arrays.stream(AgentMeters.values())
					.filter((candidate) -> candidate.getName().equals(id.getName()))
					.findFirst()
					.orElseThrow(() -> new AssertionError("No catalogue entry for " + id));
				seen.add(entry);
				assertThat(id.getType()).as("type of %s", id).isEqualTo(entry.getType());
				assertThat(id.getDescription()).as("description of %s", id).isEqualTo(entry.getDescription());
				if (entry.getType() != Meter.Type.TIMER) {
					assertThat(id.getBaseUnit()).as("base unit of %s", id).isEqualTo(entry.getBaseUnit());
				}
				assertThat(id.getTags().stream().map(Tag::getKey).sorted())
					.as("tag keys of %s", id)
					.containsExactlyElementsOf(
							Arrays.stream(entry.getKeyNames()).map(KeyName::asString).sorted().toList());
			}
			assertThat(seen).containsExactlyInAnyOrder(AgentMeters.LLM_REQUESTS, AgentMeters.LLM_TOKENS,
					AgentMeters.LLM_COST, AgentMeters.LLM_PROMPT_CACHE, AgentMeters.LLM_TIME_TO_FIRST_TOKEN,
					AgentMeters.ERRORS, AgentMeters.RUNS, AgentMeters.RUNS_ACTIVE, AgentMeters.RUN_COST,
					AgentMeters.RUN_LLM_CALLS, AgentMeters.RUN_TOOL_CALLS, AgentMeters.TOOL_CALLS,
					AgentMeters.TOOL_LOOPS, AgentMeters.PRICING_MODELS, AgentMeters.PRICING_AS_OF);
		});
	}

	/** Run the fixed scenario and return the scrape. */
	static PrometheusText runScenario(PrometheusMeterRegistry registry, LlmMetrics llm, AgentRuns runs,
			ToolMetrics tools) {
		ToolCallback lookup = MeteredToolCallback.of(TestTools.named("lookupOrder"), tools);
		ToolCallback refund = MeteredToolCallback.of(new FailingTool("refund"), tools);
		StubChatModel model = new StubChatModel().answer(answers())
			.stream(Flux.just(StubChatModel.response("Hel", "gpt-4o-mini", null, null),
					StubChatModel.response("lo", "gpt-4o-mini", StubChatModel.openAiUsage(120, 8, 64, 0))));
		ChatClient chatClient = chatClient(model, llm);
		ChatClient rateLimitedStreams = chatClient(
				new StubChatModel().stream(Flux.error(new NonTransientAiException("HTTP 429 - Too Many Requests"))), llm);
		ChatClient brokenStreams = chatClient(
				new StubChatModel().stream(Flux.error(new TransientAiException("HTTP 500 - Internal Server Error"))), llm);
		runs.run("support", () -> {
			chatClient.prompt("ok").call().content();
			lookup.call("{\"id\":1}");
			lookup.call("{\"id\":2}");
			chatClient.prompt("ok").stream().content().blockLast();
		});
		assertThatException().isThrownBy(() -> runs.run("support", () -> {
			assertThatException().isThrownBy(() -> refund.call("{\"id\":3}"));
			chatClient.prompt("rate-limited").call().content();
		}));
		assertThatException().isThrownBy(() -> chatClient.prompt("broken").call().content());
		assertThatException().isThrownBy(() -> rateLimitedStreams.prompt("ok").stream().content().blockLast());
		assertThatException().isThrownBy(() -> brokenStreams.prompt("ok").stream().content().blockLast());
		// A caller that stops reading after the first chunk cancels the stream.
		chatClient.prompt("ok").stream().content().take(1).blockLast();
		chatClient.prompt("ok").call().content();
		return PrometheusText.parse(registry.scrape());
	}

	private static ChatClient chatClient(StubChatModel model, LlmMetrics llm) {
		return ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.defaultAdvisors((advisors) -> advisors.param(AgentMetrics.AGENT, "support"))
			.build();
	}

	private static Function<Prompt, ChatResponse> answers() {
		return (prompt) -> switch (prompt.getUserMessage().getText()) {
			case "rate-limited" -> throw new NonTransientAiException("HTTP 429 - Too Many Requests");
			case "broken" -> throw new TransientAiException("HTTP 500 - Internal Server Error");
			default -> StubChatModel.response("Hello", "gpt-4o-mini", StubChatModel.openAiUsage(100, 10, 0, 0));
		};
	}

	/** Count the {@code agent_} series of each family. */
	static Map<String, Integer> seriesByFamily(PrometheusText scrape) {
		Map<String, Integer> families = new TreeMap<>();
		for (PrometheusText.Sample sample : scrape.samples()) {
			if (sample.name().startsWith("agent_")) {
				families.merge(sample.name(), 1, Integer::sum);
			}
		}
		return families;
	}

	private record FailingTool(String name) implements ToolCallback {

		@Override
		public org.springframework.ai.tool.definition.ToolDefinition getToolDefinition() {
			return TestTools.named(this.name).getToolDefinition();
		}

		@Override
		public String call(String toolInput) {
			throw new IllegalStateException("refunds are closed");
		}

	}

}
