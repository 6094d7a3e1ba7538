package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.PrometheusScraper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools a ChatClient call names and Spring AI 1.1 resolves among the application's beans
 * ({@code toolNames}, which Spring AI 2.0 no longer has) are measured like the others.
 */
@OpenAiIntegrationTest
@Import(ToolNamesIntegrationTests.Clock.class)
class ToolNamesIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private PrometheusScraper prometheus;

	@DynamicPropertySource
	static void openAiUrl(DynamicPropertyRegistry registry) {
		SpringAiLine.pointAt(registry, openAi);
	}

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void recordsToolsResolvedByName() {
		openAi.enqueue(Reply.toolCall("currentTime", "{}").usage(50, 5), Reply.text("It is noon.").usage(60, 5));
		String answer = this.chatClientBuilder.build()
			.prompt("What time is it?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "clock"))
			.toolNames("currentTime")
			.call()
			.content();
		assertThat(answer).isEqualTo("It is noon.");
		assertThat(this.prometheus.scrape()
			.sum("agent_tool_calls_seconds_count", "agent", "clock", "tool", "currentTime", "outcome", "success"))
			.isEqualTo(1);
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clock {

		/** A tool the application declares as a bean, which ChatClient calls resolve by name. */
		@Bean
		ToolCallback currentTime() {
			return new ToolCallback() {
				@Override
				public ToolDefinition getToolDefinition() {
					return DefaultToolDefinition.builder()
						.name("currentTime")
						.description("The current time")
						.inputSchema("{\"type\":\"object\",\"properties\":{}}")
						.build();
				}

				@Override
				public String call(String toolInput) {
					return "12:00";
				}
			};
		}

	}

}
