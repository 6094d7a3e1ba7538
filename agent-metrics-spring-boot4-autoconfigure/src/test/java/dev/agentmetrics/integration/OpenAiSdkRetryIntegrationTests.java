package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAI SDK under Spring AI 2.0 retries inside its client ({@code max-retries}),
 * where no Spring retry listener sees it: every retry is counted in
 * {@code agent.llm.retries} by the failure that caused it, and the call once, with the
 * usage of the attempt that answered.
 */
class OpenAiSdkRetryIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void countsEachRetryOfTheSdkByItsCause() {
		openAi.reset();
		openAi.enqueue(Reply.error(500, "server_error", "The server had an error"),
				Reply.error(429, "rate_limit_exceeded", "Slow down"), Reply.text("Finally.").usage(80, 6));
		try (ConfigurableApplicationContext context = OpenAiApplication.run(openAi, "--spring.ai.openai.max-retries=2")) {
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "patient"))
				.call()
				.content();
			assertThat(answer).isEqualTo("Finally.");
			assertThat(openAi.requests()).hasSize(3);
			PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "openai", "error",
					"server_error"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "openai", "error",
					"rate_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient")).isEqualTo(1);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient", "outcome", "success"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "input")).isEqualTo(80);
		}
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@Test
	void countsTheRetriesOfAStream() {
		openAi.reset();
		openAi.enqueue(Reply.error(500, "server_error", "The server had an error"),
				Reply.text("Streamed at last.").usage(70, 5));
		try (ConfigurableApplicationContext context = OpenAiApplication.run(openAi, "--spring.ai.openai.max-retries=2")) {
			String answer = String.join("", context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "streaming"))
				.stream()
				.content()
				.collectList()
				.block());
			assertThat(answer).isEqualTo("Streamed at last.");
			PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
			// The SDK runs a stream's attempts on OkHttp's threads, where the call is not
			// known: the retry counts, under the default agent, its cause unknown.
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "default", "provider", "openai", "error",
					"unknown"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total")).isEqualTo(1);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "streaming", "type", "input")).isEqualTo(70);
		}
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}
}
