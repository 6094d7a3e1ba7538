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
 * Spring AI 2.0's tool-call limits: a tool loop stopped at {@code max-calls-per-tool-default}
 * ends the ChatClient call with the limit's message. The call, the refused tool call and
 * the errors are recorded as {@code tool_call_limit}, and the rounds billed before it keep
 * their tokens.
 */
class ToolCallLimitIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void recordsACallStoppedAtItsToolCallLimit() {
		openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(300, 20),
				Reply.toolCall("getWeather", "{\"city\":\"Bergen\"}").usage(340, 20));
		try (ConfigurableApplicationContext context = OpenAiApplication.run(openAi,
				"--spring.ai.tools.limits.max-calls-per-tool-default=1")) {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			String answer = chatClient.prompt("Weather in Oslo and Bergen?")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "limited"))
				.tools(new OpenAiApplication.WeatherTools("Rain"))
				.call()
				.content();
			assertThat(answer).isNotBlank();
			PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "limited", "outcome", "error",
					"error", "tool_call_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "limited")).isEqualTo(1);
			assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "limited", "tool", "getWeather",
					"outcome", "success"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "limited", "tool", "getWeather",
					"error", "tool_call_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_errors_total", "agent", "limited", "source", "llm", "kind",
					"tool_call_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_errors_total", "agent", "limited", "source", "tool", "kind",
					"tool_call_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "limited", "type", "input")).isEqualTo(640);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "limited", "type", "output")).isEqualTo(40);
		}
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}
}
