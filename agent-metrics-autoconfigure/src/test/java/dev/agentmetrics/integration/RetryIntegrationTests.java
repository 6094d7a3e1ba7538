package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries of Spring AI's retry template, counted through the real OpenAI client.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = CircuitBreakerIntegrationTests.TestApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.options.model=gpt-4o-mini",
				"spring.ai.retry.max-attempts=3", "spring.ai.retry.backoff.initial-interval=1ms",
				"spring.ai.retry.backoff.multiplier=2", "spring.ai.retry.backoff.max-interval=4ms",
				"management.endpoints.web.exposure.include=prometheus" })
class RetryIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private TestRestTemplate rest;

	@DynamicPropertySource
	static void openAiUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
	}

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void countsEachRetryByTheFailureThatCausedIt() {
		openAi.enqueue(Reply.error(503, "server_error", "busy"), Reply.error(503, "server_error", "busy"),
				Reply.text("Finally.").usage(40, 4));
		String answer = this.chatClientBuilder.build()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "persistent"))
			.call()
			.content();
		assertThat(answer).isEqualTo("Finally.");
		assertThat(openAi.requests()).hasSize(3);
		PrometheusText metrics = PrometheusText.parse(this.rest.getForObject("/actuator/prometheus", String.class));
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "persistent", "provider", "openai", "error",
				"server_error"))
			.isEqualTo(2);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "persistent", "outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "persistent")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "persistent", "type", "input")).isEqualTo(40);
	}

}
