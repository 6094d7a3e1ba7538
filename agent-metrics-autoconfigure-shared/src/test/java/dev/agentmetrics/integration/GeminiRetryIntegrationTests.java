package dev.agentmetrics.integration;

import com.google.genai.errors.ServerException;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeGemini.Reply;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * What agent-metrics sees of the retries of Spring AI's Google GenAI client, on both lines.
 * The Google GenAI SDK retries 408, 429 and 5xx answers inside its HTTP client (an OkHttp
 * interceptor, 5 attempts by default, 3 here): no Spring retry listener sees those, and
 * nothing tells agent-metrics of them, so {@code agent_llm_retries_total} stays 0 while
 * the provider receives every attempt. Spring AI's own {@code RetryTemplate} (enabled here
 * with several attempts) retries only {@code TransientAiException} and
 * {@code ResourceAccessException}, never the SDK's exceptions, so it adds no attempt.
 * Measured on Spring AI 1.1.6 (google-genai 1.37.0) and 2.0.1 (google-genai 1.65.0).
 */
@GeminiIntegrationTest
@TestPropertySource(properties = { "fake-gemini.attempts=3", "spring.ai.retry.max-attempts=3",
		"spring.ai.retry.backoff.initial-interval=1ms", "spring.ai.retry.backoff.multiplier=2",
		"spring.ai.retry.backoff.max-interval=4ms" })
class GeminiRetryIntegrationTests {

	@Autowired
	private FakeGemini gemini;

	@Autowired
	private OpenAiApplication.Client client;

	@Test
	void countsACallTheSdkRetriedOnceWithTheTokensOfItsLastAttemptAndNoRetry() {
		this.gemini.enqueue(Reply.error(500, "INTERNAL", "An internal error has occurred."),
				Reply.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."),
				Reply.text("Finally.").usage(30, 4));
		String answer = this.client.chatClient()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "patient"))
			.call()
			.content();
		assertThat(answer).isEqualTo("Finally.");
		assertThat(this.gemini.calls()).hasSize(3);
		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient", "provider", "google_genai",
				"outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "input")).isEqualTo(30);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "output")).isEqualTo(4);
		// Two retries reached the provider; none is visible to agent-metrics.
		assertThat(metrics.sum("agent_llm_retries_total")).isZero();
	}

	@Test
	void aCallTheSdkGaveUpOnIsNotRetriedBySpringAiAndCountsOnceAsItsLastFailure() {
		this.gemini.enqueue(Reply.error(503, "UNAVAILABLE", "The model is overloaded."),
				Reply.error(503, "UNAVAILABLE", "The model is overloaded."),
				Reply.error(500, "INTERNAL", "An internal error has occurred."));
		assertThatException().isThrownBy(() -> this.client.chatClient()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "unlucky"))
			.call()
			.content()).havingRootCause().isInstanceOf(ServerException.class);
		// The SDK's three attempts, and no fourth: a Spring AI retry would find no reply.
		assertThat(this.gemini.calls()).hasSize(3);
		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "unlucky", "outcome", "error", "error",
				"server_error"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "unlucky", "source", "llm", "kind", "server_error"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_retries_total")).isZero();
	}

}
