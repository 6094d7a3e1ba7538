package dev.agentmetrics.reliability;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.test.TestTools;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.MeteredToolCallback;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Faults inside and around the starter: each call returns or throws exactly what it would
 * without the starter, and each problem is logged once.
 */
@ExtendWith(OutputCaptureExtension.class)
class FaultsTests {

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	/** The model the stub's requests ask for, which their meters are tagged with. */
	private static final String REQUESTED_MODEL = "gpt-4o-mini";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void aPriceThatTurnsNaNOrNegativeAtRuntimeAddsNoCostAndWarnsOnce(CapturedOutput output) {
		StubChatModel model = new StubChatModel()
			.answer(StubChatModel.response("Hi", MODEL, StubChatModel.openAiUsage(100, 20, 0, 0)));
		ChatClient chatClient = chatClient(model, (name) -> new ModelPrice(Double.NaN, -1, 0, 0),
				new DefaultErrorClassifier());
		assertThat(chatClient.prompt("a").call().content()).isEqualTo("Hi");
		assertThat(chatClient.prompt("b").call().content()).isEqualTo("Hi");
		assertThat(this.registry.find("agent.llm.cost").counters()).isEmpty();
		assertThat(this.registry.get("agent.llm.tokens").tag("type", "input").counter().count()).isEqualTo(200);
		assertThat(occurrences(output, "agent-metrics ignored the cost of model '" + MODEL + "'")).isOne();
	}

	@Test
	void negativeTokenCountsAreIgnoredWithOneWarning(CapturedOutput output) {
		StubChatModel model = new StubChatModel()
			.answer(StubChatModel.response("Hi", MODEL, new DefaultUsage(-5, 3)));
		ChatClient chatClient = chatClient(model, (name) -> ModelPrice.of(1, 1), new DefaultErrorClassifier());
		assertThat(chatClient.prompt("a").call().content()).isEqualTo("Hi");
		assertThat(chatClient.prompt("b").call().content()).isEqualTo("Hi");
		assertThat(this.registry.find("agent.llm.tokens").counters()).isEmpty();
		assertThat(this.registry.get("agent.llm.requests").timer().count()).isEqualTo(2);
		assertThat(occurrences(output, "because it has negative token counts")).isOne();
	}

	@Test
	void aNullChatResponseBehavesAsWithoutTheStarter() {
		Function<Prompt, ChatResponse> nothing = (prompt) -> null;
		Throwable without = catchThrowable(
				() -> ChatClient.builder(new StubChatModel().answer(nothing)).build().prompt("a").call().content());
		Throwable with = catchThrowable(() -> chatClient(new StubChatModel().answer(nothing),
				(name) -> ModelPrice.of(1, 1), new DefaultErrorClassifier())
			.prompt("a")
			.call()
			.content());
		if (without == null) {
			assertThat(with).isNull();
		}
		else {
			assertThat(with).isNotNull().hasSameClassAs(without).hasMessage(without.getMessage());
		}
	}

	@Test
	void aThrowingErrorClassifierLeavesTheOriginalExceptionAndRecordsUnknown() {
		NonTransientAiException failure = new NonTransientAiException("HTTP 400 - bad");
		StubChatModel model = new StubChatModel().answer((prompt) -> {
			throw failure;
		});
		ErrorClassifier broken = (error) -> {
			throw new IllegalStateException("classifier bug");
		};
		assertThatException().isThrownBy(() -> chatClient(model, (name) -> null, broken).prompt("a").call().content())
			.isSameAs(failure);
		assertThat(this.registry.get("agent.llm.requests").tag("error", "unknown").timer().count()).isOne();
	}

	@Test
	void aStreamWithoutUsageIsRecordedOnceWithoutTokens() {
		StubChatModel model = new StubChatModel().stream(Flux.just(StubChatModel.response("He", MODEL, null, null),
				StubChatModel.response("llo", MODEL, null)));
		List<String> chunks = chatClient(model, (name) -> ModelPrice.of(1, 1), new DefaultErrorClassifier())
			.prompt("a")
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(chunks).containsExactly("He", "llo");
		assertThat(this.registry.get("agent.llm.requests").tag("outcome", "success").tag("stream", "true").timer()
			.count()).isOne();
		assertThat(this.registry.find("agent.llm.tokens").counters()).isEmpty();
		assertThat(this.registry.find("agent.llm.prompt.cache").counters()).isEmpty();
	}

	@Test
	void aRegistryThatThrowsLeavesEveryCallAsWithoutTheStarterAndLogsEachProblemOnce(CapturedOutput output) {
		MeterRegistry broken = new SimpleMeterRegistry();
		broken.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				throw new IllegalStateException("registry down for FaultsTests");
			}
		});
		DefaultErrorClassifier classifier = new DefaultErrorClassifier();
		ErrorMetrics errors = new ErrorMetrics(broken);
		LlmMetrics llm = new LlmMetrics(broken, (name) -> ModelPrice.of(1, 1), classifier, errors,
				List.of(new OpenAiUsageReader()));
		AgentRuns runs = new AgentRuns(new RunMetrics(broken, classifier, errors));
		ToolMetrics toolMetrics = new ToolMetrics(broken, classifier, errors, LoopDetection.DEFAULTS, "default");
		NonTransientAiException failure = new NonTransientAiException("HTTP 400 - bad");
		StubChatModel model = new StubChatModel().answer((prompt) -> {
			if (prompt.getUserMessage().getText().equals("fail")) {
				throw failure;
			}
			return StubChatModel.response("Hi", MODEL, StubChatModel.openAiUsage(100, 20, 10, 0));
		})
			.stream(Flux.just(StubChatModel.response("He", MODEL, null),
					StubChatModel.response("llo", MODEL, StubChatModel.openAiUsage(100, 20, 0, 0))));
		ChatClient chatClient = ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.build();
		AtomicInteger toolCalls = new AtomicInteger();
		ToolCallback tool = MeteredToolCallback.of(TestTools.named("search", toolCalls), toolMetrics);
		ToolCallback failingTool = MeteredToolCallback.of(new FailingTool(), toolMetrics);
		for (int i = 0; i < 3; i++) {
			List<Object> results = runs.run("support", () -> List.of(chatClient.prompt("a").call().content(),
					chatClient.prompt("b").stream().content().collectList().block(), tool.call("{}"), tool.call("{}"),
					tool.call("{}")));
			assertThat(results).containsExactly("Hi", List.of("He", "llo"), "ok", "ok", "ok");
			assertThatException().isThrownBy(() -> runs.run("support", () -> chatClient.prompt("fail").call().content()))
				.isSameAs(failure);
			assertThatException().isThrownBy(() -> failingTool.call("{}")).isSameAs(FailingTool.FAILURE);
		}
		assertThat(toolCalls).hasValue(9);
		assertThat(broken.getMeters()).isEmpty();
		assertThat(LlmCall.current()).isNull();
		assertThat(AgentRunContext.current()).isNull();
		for (String where : List.of("recording an LLM call", "recording an agent run", "recording a tool call")) {
			assertThat(occurrences(output, "agent-metrics skipped " + where + " because of java.lang.IllegalStateException: "
					+ "registry down for FaultsTests"))
				.as(where)
				.isOne();
		}
	}

	@Test
	void aMeterNameTakenWithOtherTagKeysInPrometheusLeavesTheCallAndTheOtherMeters(CapturedOutput output) {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		// The application has its own meter under the starter's name with other tag keys:
		// Prometheus refuses the starter's series (Micrometer warns), nothing else may break.
		prometheus.counter("agent.llm.tokens", "team", "search");
		LlmMetrics llm = new LlmMetrics(prometheus, (name) -> ModelPrice.of(1, 1), new DefaultErrorClassifier(),
				new ErrorMetrics(prometheus), List.of(new OpenAiUsageReader()));
		ChatClient chatClient = ChatClient.builder(new StubChatModel()
			.answer(StubChatModel.response("Hi", MODEL, StubChatModel.openAiUsage(1_000_000, 0, 0, 0))))
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.build();
		assertThat(chatClient.prompt("a").call().content()).isEqualTo("Hi");
		assertThat(chatClient.prompt("b").call().content()).isEqualTo("Hi");
		String scrape = prometheus.scrape();
		assertThat(scrape).contains("agent_llm_requests_seconds_count{agent=\"default\",error=\"none\",model=\""
				+ REQUESTED_MODEL + "\",outcome=\"success\",provider=\"openai\",stream=\"false\"} 2")
			.contains("agent_llm_cost_usd_total{agent=\"default\",model=\"" + REQUESTED_MODEL
					+ "\",provider=\"openai\"} 2.0")
			.contains("agent_llm_tokens_total{team=\"search\"} 0.0");
		// Micrometer 1.15 (Boot 3.5) logs that it refused the series; 1.17 (Boot 4.1) does not.
		assertThat(output).doesNotContain("agent-metrics skipped");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oddResponses")
	void anOddResponseBehavesAsWithoutTheStarterAndIsRecordedOnce(String description, ChatResponse response,
			long inputTokens, CapturedOutput output) {
		Function<Prompt, ChatResponse> answer = (prompt) -> response;
		Object without = outcome(() -> ChatClient.builder(new StubChatModel().answer(answer))
			.build()
			.prompt("a")
			.call()
			.chatResponse());
		Object with = outcome(() -> chatClient(new StubChatModel().answer(answer), (name) -> ModelPrice.of(1, 1),
				new DefaultErrorClassifier())
			.prompt("a")
			.call()
			.chatResponse());
		assertThat(with).isEqualTo(without);
		assertThat(this.registry.get("agent.llm.requests").timers()).singleElement()
			.satisfies((timer) -> assertThat(timer.count()).isOne());
		double input = this.registry.find("agent.llm.tokens").tag("type", "input").counters().stream()
			.mapToDouble(Counter::count)
			.sum();
		assertThat(input).isEqualTo(inputTokens);
		assertThat(output).doesNotContain("agent-metrics skipped");
	}

	static Stream<Arguments> oddResponses() {
		Generation hi = new Generation(new AssistantMessage("Hi"));
		return Stream.of(Arguments.of("null metadata", new ChatResponse(List.of(hi), null), 0),
				Arguments.of("metadata with null usage",
						new ChatResponse(List.of(hi), ChatResponseMetadata.builder().model(MODEL).usage(null).build()), 0),
				Arguments.of("usage with null counts", StubChatModel.response("Hi", MODEL, new DefaultUsage(null, null)), 0),
				Arguments.of("no generations", StubChatModel.usageOnly(MODEL, StubChatModel.openAiUsage(100, 0, 0, 0)),
						100),
				Arguments.of("a generation without text",
						new ChatResponse(List.of(new Generation(new AssistantMessage(""))),
								ChatResponseMetadata.builder().model(MODEL).usage(new DefaultUsage(7, 0)).build()),
						7));
	}

	/** The value a call returns, or the type and message of what it throws. */
	private static Object outcome(java.util.function.Supplier<Object> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return ex.getClass().getName() + ": " + ex.getMessage();
		}
	}

	private ChatClient chatClient(StubChatModel model, PriceTable prices, ErrorClassifier classifier) {
		LlmMetrics metrics = new LlmMetrics(this.registry, prices, classifier, new ErrorMetrics(this.registry),
				List.of(new OpenAiUsageReader()));
		return ChatClient.builder(model).defaultAdvisors(LlmMetricsAdvisor.builder(metrics).build()).build();
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

	/** A tool that always fails. */
	private static final class FailingTool implements ToolCallback {

		static final RuntimeException FAILURE = new IllegalStateException("tool down");

		@Override
		public ToolDefinition getToolDefinition() {
			return DefaultToolDefinition.builder().name("failing").description("Fails").inputSchema("{}").build();
		}

		@Override
		public String call(String toolInput) {
			throw FAILURE;
		}

	}

}
