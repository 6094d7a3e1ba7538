package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.PrometheusScraper;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries inside a ChatClient call, counted through the real OpenAI client: Spring AI 1.1's
 * {@code RetryTemplate} on one line, the OpenAI SDK's own retries on the other.
 */
@OpenAiIntegrationTest
class RetryIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private PrometheusScraper prometheus;

	@DynamicPropertySource
	static void openAiUrl(DynamicPropertyRegistry registry) {
		SpringAiLine.pointAt(registry, openAi, 2);
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
		PrometheusText metrics = this.prometheus.scrape();
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "persistent", "provider", "openai", "error",
				"server_error"))
			.isEqualTo(2);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "persistent", "outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "persistent")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "persistent", "type", "input")).isEqualTo(40);
	}

}
