package dev.agentmetrics.integration;

import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.test.PrometheusText;
import dev.agentmetrics.tool.ToolLoopDetectedException;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loop detection in {@code block} mode, through the real OpenAI client and Spring AI's tool
 * loop: the call that completes a loop is not made, and the ChatClient call fails.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = "agent-metrics.loop-detection.action=block")
class ToolLoopBlockingTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Test
	void blocksTheToolCallThatCompletesALoopAndFailsTheCall() {
		this.openAi.enqueue(Reply.toolCall("ping", "{\"host\":\"db\"}").usage(100, 10),
				Reply.toolCall("ping", "{\"host\":\"db\"}").usage(110, 10),
				Reply.toolCall("ping", "{\"host\":\"db\"}").usage(120, 10));
		PingTools tools = new PingTools();
		assertThatExceptionOfType(ToolLoopDetectedException.class)
			.isThrownBy(() -> this.client.chatClient()
				.prompt("Is the db up?")
				.advisors((a) -> a.param(AgentMetrics.AGENT, "watchdog"))
				.tools(tools)
				.call()
				.content())
			.withMessageContaining("'ping'");
		assertThat(tools.pings).hasValue(2);
		assertThat(this.openAi.requests()).hasSize(3);
		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_tool_loops_total", "agent", "watchdog", "tool", "ping")).isEqualTo(1);
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "watchdog", "tool", "ping", "outcome",
				"success"))
			.isEqualTo(2);
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "watchdog", "tool", "ping", "error",
				"loop_detected"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "watchdog", "outcome", "error", "error",
				"loop_detected"))
			.isEqualTo(1);
		// The three rounds were billed even though the call failed.
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "watchdog", "type", "input")).isEqualTo(330);
	}

	static class PingTools {

		final AtomicInteger pings = new AtomicInteger();

		@Tool(description = "Ping a host")
		String ping(String host) {
			this.pings.incrementAndGet();
			return host + " is up";
		}

	}

}
