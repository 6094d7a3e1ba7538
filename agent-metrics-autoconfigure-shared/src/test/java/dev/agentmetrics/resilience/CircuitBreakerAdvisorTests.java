package dev.agentmetrics.resilience;

import java.util.Set;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.llm.StubChatModel;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class CircuitBreakerAdvisorTests {

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final StubChatModel model = new StubChatModel();

	@Test
	void recordsOnlyTheConfiguredKindsAsFailures() {
		ChatClient chatClient = chatClient(Set.of(ErrorKind.AUTH));
		fail(chatClient, new NonTransientAiException("HTTP 401 - who are you"));
		fail(chatClient, new TransientAiException("HTTP 500 - down"));
		CircuitBreaker.Metrics metrics = this.circuitBreakers.circuitBreaker("openai").getMetrics();
		assertThat(metrics.getNumberOfFailedCalls()).isOne();
		assertThat(metrics.getNumberOfSuccessfulCalls()).isZero();
		assertThat(metrics.getNumberOfBufferedCalls()).isOne();
	}

	@Test
	void namesTheBreakerAfterTheProviderAFixedInstanceOrTheCallsParameter() {
		this.model.answer(StubChatModel.response("Hi", "gpt-4o-mini", null));
		chatClient(CircuitBreakerAdvisor.DEFAULT_RECORD_KINDS).prompt("Hi").call().content();
		chatClient(CircuitBreakerAdvisor.DEFAULT_RECORD_KINDS).prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.CIRCUIT_BREAKER, "batch"))
			.call()
			.content();
		ChatClient fixed = ChatClient.builder(this.model)
			.defaultAdvisors(CircuitBreakerAdvisor.builder(this.circuitBreakers, new DefaultErrorClassifier())
				.instance("llm")
				.build())
			.build();
		fixed.prompt("Hi").call().content();
		assertThat(this.circuitBreakers.getAllCircuitBreakers()).extracting(CircuitBreaker::getName)
			.containsExactlyInAnyOrder("openai", "batch", "llm");
	}

	private void fail(ChatClient chatClient, RuntimeException failure) {
		this.model.answer((prompt) -> {
			throw failure;
		});
		assertThatException().isThrownBy(() -> chatClient.prompt("Hi").call().content()).isSameAs(failure);
	}

	private ChatClient chatClient(Set<ErrorKind> recordKinds) {
		return ChatClient.builder(this.model)
			.defaultAdvisors(CircuitBreakerAdvisor.builder(this.circuitBreakers, new DefaultErrorClassifier())
				.recordKinds(recordKinds)
				.build())
			.build();
	}

}
