package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeGemini.Reply;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * A blocking spend budget stops a Gemini tool loop after the round that spent it, on both
 * lines: Spring AI 1.1's {@code GoogleGenAiChatModel} runs the loop and reports its rounds
 * merged (each round is told to the budget before its tools run), Spring AI 2.0's
 * {@code ToolCallingAdvisor} runs it (each round is checked before its request). Either
 * way the call that was stopped counts what its rounds billed, and the budget's spend
 * equals the cost counter.
 */
@GeminiIntegrationTest
@TestPropertySource(properties = { "agent-metrics.budgets.gemini.agent=gemini-looper",
		"agent-metrics.budgets.gemini.limit-usd=0.1", "agent-metrics.budgets.gemini.action=block",
		"agent-metrics.budgets.gemini-stream.agent=gemini-stream-looper",
		"agent-metrics.budgets.gemini-stream.limit-usd=0.1", "agent-metrics.budgets.gemini-stream.action=block" })
class GeminiBudgetIntegrationTests {

	// 100,000 prompt and 10,000 candidate tokens of gemini-2.5-flash a round: 0.055 USD.
	private static final double ROUND_COST = 100_000 * 0.30 / 1e6 + 10_000 * 2.50 / 1e6;

	@Autowired
	private FakeGemini gemini;

	@Autowired
	private OpenAiApplication.Client client;

	@Test
	void blockingToolLoopStopsAfterTheRoundThatSpentTheBudget() {
		enqueueLoop();
		assertThatException().isThrownBy(() -> chatClient().prompt("Weather?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "gemini-looper"))
			.call()
			.content()).satisfies(BudgetAssertions.refusedBy("gemini"));
		assertStoppedAfterTwoRounds("gemini-looper", "gemini");
	}

	@Test
	void streamingToolLoopStopsAfterTheRoundThatSpentTheBudget() {
		enqueueLoop();
		assertThatException().isThrownBy(() -> chatClient().prompt("Weather?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "gemini-stream-looper"))
			.stream()
			.content()
			.collectList()
			.block()).satisfies(BudgetAssertions.refusedBy("gemini-stream"));
		assertStoppedAfterTwoRounds("gemini-stream-looper", "gemini-stream");
	}

	private void enqueueLoop() {
		this.gemini.enqueue(Reply.functionCall("getWeather", "{\"city\":\"Oslo\"}").usage(100_000, 10_000),
				Reply.functionCall("getWeather", "{\"city\":\"Bergen\"}").usage(100_000, 10_000),
				Reply.functionCall("getWeather", "{\"city\":\"Tromso\"}").usage(100_000, 10_000),
				Reply.text("Snow everywhere").usage(100_000, 10_000));
	}

	private void assertStoppedAfterTwoRounds(String agent, String budget) {
		// The first round spent 0.055 of 0.1, the second 0.11: the third was not requested.
		assertThat(this.gemini.requests()).hasSize(2);
		PrometheusText metrics = this.client.scrape();
		assertThat(tokens(metrics, agent, "input")).isEqualTo(200_000);
		assertThat(tokens(metrics, agent, "output")).isEqualTo(20_000);
		assertThat(cost(metrics, agent)).isCloseTo(2 * ROUND_COST, within(1e-12));
		BudgetAssertions.assertRefusedOnceAndSpentTheCost(metrics, agent, budget);
		// The replies of the rounds never requested.
		this.gemini.reset();
	}

	private ChatClient chatClient() {
		return this.client.chatClient();
	}

}
