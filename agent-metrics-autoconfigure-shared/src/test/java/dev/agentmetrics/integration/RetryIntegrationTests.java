package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries inside a ChatClient call, counted through the real OpenAI client by the failure
 * that caused each: Spring AI 1.1's {@code RetryTemplate} on one line (told to retry 429s,
 * as the SDK does), the OpenAI SDK's own retries on the other.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = "fake-openai.retries=2")
class RetryIntegrationTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@ParameterizedTest
	@CsvSource({ "503, server_error, 503, server_error, 2, 0", "500, server_error, 429, rate_limit_exceeded, 1, 1" })
	void countsEachRetryByTheFailureThatCausedIt(int firstStatus, String firstCode, int secondStatus,
			String secondCode, int serverErrors, int rateLimits) {
		String agent = "persistent-" + secondStatus;
		this.openAi.enqueue(Reply.error(firstStatus, firstCode, "busy"), Reply.error(secondStatus, secondCode, "busy"),
				Reply.text("Finally.").usage(40, 4));
		String answer = this.client.chatClient()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, agent))
			.call()
			.content();
		assertThat(answer).isEqualTo("Finally.");
		assertThat(this.openAi.requests()).hasSize(3);
		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_llm_retries_total", "agent", agent, "provider", "openai", "error", "server_error"))
			.isEqualTo(serverErrors);
		assertThat(metrics.sum("agent_llm_retries_total", "agent", agent, "provider", "openai", "error", "rate_limit"))
			.isEqualTo(rateLimits);
		assertThat(metrics.sum("agent_llm_retries_total", "agent", agent)).isEqualTo(2);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent, "outcome", "success")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent)).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", agent, "type", "input")).isEqualTo(40);
	}

}
