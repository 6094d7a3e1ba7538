package dev.agentmetrics.reliability;

import java.util.List;
import java.util.function.Function;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
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

	private ChatClient chatClient(StubChatModel model, PriceTable prices, ErrorClassifier classifier) {
		LlmMetrics metrics = new LlmMetrics(this.registry, prices, classifier, new ErrorMetrics(this.registry),
				List.of(new OpenAiUsageReader()));
		return ChatClient.builder(model).defaultAdvisors(LlmMetricsAdvisor.builder(metrics).build()).build();
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

}
