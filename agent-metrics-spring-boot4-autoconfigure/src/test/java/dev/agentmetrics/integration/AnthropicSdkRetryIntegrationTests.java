package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeAnthropic.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring AI 2.0's Anthropic client retries inside the Anthropic SDK
 * ({@code spring.ai.anthropic.max-retries}); the SDK marks retries as the OpenAI SDK does,
 * and agent-metrics counts each in {@code agent.llm.retries} under its call's agent, by the
 * failure that caused it.
 */
class AnthropicSdkRetryIntegrationTests {

	private static final FakeAnthropic anthropic = FakeAnthropic.start();

	@AfterAll
	static void stopFake() {
		anthropic.close();
	}

	@Test
	void countsEachRetryOfTheSdkByItsCause() {
		anthropic.enqueue(Reply.error(529, "overloaded_error", "Overloaded").retryable(),
				Reply.error(429, "rate_limit_error", "Slow down").retryable(), Reply.text("Finally.").usage(30, 4));
		try (ConfigurableApplicationContext context = AnthropicApplication.run(anthropic,
				"--spring.ai.anthropic.max-retries=2")) {
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "patient"))
				.call()
				.content();
			assertThat(answer).isEqualTo("Finally.");
			assertThat(anthropic.requests()).hasSize(3);
			PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "anthropic", "error",
					"server_error"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "anthropic", "error",
					"rate_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total")).isEqualTo(2);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient", "outcome", "success"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "input")).isEqualTo(30);
		}
		assertThat(anthropic.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

}
