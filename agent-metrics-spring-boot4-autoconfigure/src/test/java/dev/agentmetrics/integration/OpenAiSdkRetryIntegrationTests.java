package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.PrometheusScraper;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only the OpenAI SDK under Spring AI 2.0 retries (the retries both lines count are
 * in {@code RetryIntegrationTests}): rate-limited calls, which Spring AI 1.1's
 * {@code RetryTemplate} does not retry by default, and streams, whose attempts the SDK
 * runs on OkHttp's threads.
 */
@OpenAiIntegrationTest
class OpenAiSdkRetryIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private PrometheusScraper prometheus;

	@DynamicPropertySource
	static void openAiUrl(DynamicPropertyRegistry registry) {
		SpringAiLine.pointAt(registry, openAi, 2);
	}

	@AfterEach
	void allRepliesUsed() {
		String leftovers = openAi.leftovers();
		openAi.reset();
		assertThat(leftovers).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void countsEachRetryByItsCauseRateLimitsIncluded() {
		openAi.enqueue(Reply.error(500, "server_error", "The server had an error"),
				Reply.error(429, "rate_limit_exceeded", "Slow down"), Reply.text("Finally.").usage(80, 6));
		String answer = this.chatClientBuilder.build()
			.prompt("Hi")
			.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "patient"))
			.call()
			.content();
		assertThat(answer).isEqualTo("Finally.");
		assertThat(openAi.requests()).hasSize(3);
		PrometheusText metrics = this.prometheus.scrape();
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "openai", "error",
				"server_error"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "openai", "error",
				"rate_limit"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient", "outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "input")).isEqualTo(80);
	}

	@Test
	void countsTheRetriesOfAStream() {
		double retriesBefore = this.prometheus.scrape().sum("agent_llm_retries_total");
		openAi.enqueue(Reply.error(500, "server_error", "The server had an error"),
				Reply.text("Streamed at last.").usage(70, 5));
		String answer = String.join("", this.chatClientBuilder.build()
			.prompt("Hi")
			.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "streaming"))
			.stream()
			.content()
			.collectList()
			.block());
		assertThat(answer).isEqualTo("Streamed at last.");
		PrometheusText metrics = this.prometheus.scrape();
		// The SDK runs a stream's attempts on OkHttp's threads, where the call is not
		// known: the retry counts, under the default agent, its cause unknown.
		assertThat(metrics.sum("agent_llm_retries_total", "agent", "default", "provider", "openai", "error",
				"unknown"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_retries_total") - retriesBefore).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "streaming", "type", "input")).isEqualTo(70);
	}

}
