package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries of streams, which only the OpenAI SDK under Spring AI 2.0 makes (Spring AI 1.1
 * does not retry streams; the retries both lines count are in
 * {@code RetryIntegrationTests}): the SDK runs a stream's attempts on OkHttp's threads.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = "fake-openai.retries=2")
class OpenAiSdkRetryIntegrationTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Test
	void countsTheRetriesOfAStream() {
		double retriesBefore = this.client.scrape().sum("agent_llm_retries_total");
		this.openAi.enqueue(Reply.error(500, "server_error", "The server had an error"),
				Reply.text("Streamed at last.").usage(70, 5));
		String answer = String.join("", this.client.chatClient()
			.prompt("Hi")
			.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "streaming"))
			.stream()
			.content()
			.collectList()
			.block());
		assertThat(answer).isEqualTo("Streamed at last.");
		PrometheusText metrics = this.client.scrape();
		// The SDK runs a stream's attempts on OkHttp's threads, where the call is not
		// known: the retry counts, under the default agent, its cause unknown.
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "default", "provider", "openai", "error",
				"unknown"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_retries_total") - retriesBefore).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "streaming", "type", "input")).isEqualTo(70);
	}

}
