package dev.agentmetrics.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.retry.TransientAiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Streams that end early, fail half-way or carry no usage: each call is recorded exactly
 * once with the outcome the subscriber saw, and nothing stays active.
 */
class StreamsTests {

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AgentRuns runs;

	private final LlmMetrics llm;

	StreamsTests() {
		DefaultErrorClassifier classifier = new DefaultErrorClassifier();
		ErrorMetrics errors = new ErrorMetrics(this.registry);
		this.llm = new LlmMetrics(this.registry, (name) -> ModelPrice.of(1, 1), classifier, errors,
				List.of(new OpenAiUsageReader()));
		this.runs = new AgentRuns(new RunMetrics(this.registry, classifier, errors));
	}

	@Test
	void aStreamCancelledAfterTwoChunksIsRecordedOnceAsCancelled() {
		AtomicBoolean upstreamCancelled = new AtomicBoolean();
		Flux<ChatResponse> chunks = Flux.range(0, 5)
			.map((i) -> StubChatModel.response("chunk" + i, MODEL, null, null))
			.concatWith(Flux.just(StubChatModel.response("", MODEL, StubChatModel.openAiUsage(100, 5, 0, 0))))
			.doOnCancel(() -> upstreamCancelled.set(true));
		ChatClient chatClient = chatClient(chunks);
		List<String> received = this.runs.run("support",
				() -> chatClient.prompt("a").stream().content().take(2).collectList().block());
		assertThat(received).containsExactly("chunk0", "chunk1");
		assertThat(upstreamCancelled).isTrue();
		assertThat(onlyRequest().getId().getTag("error")).isEqualTo("cancelled");
		assertThat(onlyRequest().count()).isOne();
		assertThat(this.registry.find("agent.llm.tokens").counters()).isEmpty();
		assertThat(this.registry.get("agent.errors").tag("source", "llm").tag("kind", "cancelled").counter().count())
			.isOne();
		assertNothingActive();
	}

	@Test
	void aStreamThatFailsHalfWayIsRecordedOnceAsAnErrorOfItsKind() {
		TransientAiException failure = new TransientAiException("HTTP 503 - overloaded");
		Flux<ChatResponse> chunks = Flux.just(StubChatModel.response("He", MODEL, null, null),
				StubChatModel.response("llo", MODEL, null, null))
			.concatWith(Flux.error(failure));
		ChatClient chatClient = chatClient(chunks);
		assertThatException()
			.isThrownBy(() -> this.runs.run("support",
					() -> chatClient.prompt("a").stream().content().collectList().block()))
			.isSameAs(failure);
		assertThat(onlyRequest().getId().getTag("error")).isEqualTo("server_error");
		assertThat(onlyRequest().getId().getTag("outcome")).isEqualTo("error");
		assertThat(onlyRequest().count()).isOne();
		assertThat(this.registry.get("agent.runs").tag("error", "server_error").timer().count()).isOne();
		assertThat(this.registry.get("agent.errors").tag("source", "llm").counter().count()).isOne();
		assertNothingActive();
	}

	@Test
	void aStreamWithoutUsageInARunIsRecordedOnceAsASuccessWithoutTokens() {
		Flux<ChatResponse> chunks = Flux.just(StubChatModel.response("He", MODEL, null, null),
				StubChatModel.response("llo", MODEL, null));
		ChatClient chatClient = chatClient(chunks);
		StepVerifier.create(this.runs.invoke("support", Flux.class, () -> chatClient.prompt("a").stream().content()))
			.expectNext("He", "llo")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		assertThat(onlyRequest().getId().getTag("outcome")).isEqualTo("success");
		assertThat(onlyRequest().count()).isOne();
		assertThat(this.registry.find("agent.llm.tokens").counters()).isEmpty();
		assertThat(this.registry.get("agent.run.llm.calls").summary().totalAmount()).isOne();
		assertNothingActive();
	}

	private Timer onlyRequest() {
		return assertThat(this.registry.get("agent.llm.requests").timers()).singleElement().actual();
	}

	private void assertNothingActive() {
		assertThat(this.registry.get("agent.runs.active").gauge().value()).isZero();
		assertThat(LlmCall.current()).isNull();
		assertThat(AgentRunContext.current()).isNull();
	}

	private ChatClient chatClient(Flux<ChatResponse> chunks) {
		return ChatClient.builder(new StubChatModel().stream(chunks))
			.defaultAdvisors(LlmMetricsAdvisor.builder(this.llm).build())
			.build();
	}

}
