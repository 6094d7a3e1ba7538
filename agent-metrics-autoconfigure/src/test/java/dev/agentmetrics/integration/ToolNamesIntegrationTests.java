package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools a ChatClient call names and Spring AI 1.1 resolves among the application's beans
 * ({@code toolNames}, which Spring AI 2.0 no longer has) are measured like the others.
 */
@OpenAiIntegrationTest
@Import(ToolNamesIntegrationTests.Clock.class)
class ToolNamesIntegrationTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Test
	void recordsToolsResolvedByName() {
		this.openAi.enqueue(Reply.toolCall("currentTime", "{}").usage(50, 5), Reply.text("It is noon.").usage(60, 5));
		String answer = this.client.chatClient()
			.prompt("What time is it?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "clock"))
			.toolNames("currentTime")
			.call()
			.content();
		assertThat(answer).isEqualTo("It is noon.");
		assertThat(this.client.scrape()
			.sum("agent_tool_calls_seconds_count", "agent", "clock", "tool", "currentTime", "outcome", "success"))
			.isEqualTo(1);
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
