package dev.agentmetrics.integration;

import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The circuit breaker on Spring Boot 4 with {@code resilience4j-spring-boot4}: the OpenAI
 * SDK's 500s (classified {@code server_error}) open the provider's breaker, the next call
 * is rejected without a request, recorded as {@code circuit_open}, and the state gauge and
 * transitions follow.
 */
class CircuitBreakerBoot4IntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void providerFailuresOpenTheBreakerAndRejectedCallsAreRecorded() {
		for (int i = 0; i < 4; i++) {
			openAi.enqueue(Reply.error(500, "server_error", "The server had an error"));
		}
		try (ConfigurableApplicationContext context = OpenAiApplication.run(openAi,
				"--resilience4j.circuitbreaker.instances.openai.sliding-window-size=4",
				"--resilience4j.circuitbreaker.instances.openai.minimum-number-of-calls=4",
				"--resilience4j.circuitbreaker.instances.openai.failure-rate-threshold=50",
				"--resilience4j.circuitbreaker.instances.openai.wait-duration-in-open-state=60s")) {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			for (int i = 0; i < 4; i++) {
				assertThatException().isThrownBy(() -> chatClient.prompt("Hi").call().content());
			}
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("openai");
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			int requests = openAi.requests().size();
			assertThatException().isThrownBy(() -> chatClient.prompt("Hi").call().content())
				.isInstanceOf(CallNotPermittedException.class);
			assertThat(openAi.requests()).hasSize(requests);
			PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "error", "server_error")).isEqualTo(4);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "error", "circuit_open")).isEqualTo(1);
			assertThat(metrics.sum("agent_errors_total", "source", "llm", "kind", "circuit_open")).isEqualTo(1);
			assertThat(metrics.sum("agent_circuit_breaker_state", "name", "openai")).isEqualTo(1);
			assertThat(metrics.sum("agent_circuit_breaker_transitions_total", "name", "openai", "from", "closed", "to",
					"open"))
				.isEqualTo(1);
		}
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}
}
