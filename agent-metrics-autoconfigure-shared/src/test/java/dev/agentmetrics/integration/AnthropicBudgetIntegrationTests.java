package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeAnthropic.Reply;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.agentmetrics.integration.AnthropicPrices.IN;
import static dev.agentmetrics.integration.AnthropicPrices.OUT;
import static dev.agentmetrics.integration.AnthropicPrices.READ;
import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * A blocking spend budget stops an Anthropic tool loop after the round that spent it, on
 * both lines: Spring AI 1.1's chat model runs the loop (each round, read from its own
 * Anthropic response with its cache reads, is told to the budget before its tools run),
 * Spring AI 2.0's {@code ToolCallingAdvisor} runs it (each round is checked before its
 * request). The call that was stopped counts what its rounds billed, and the budget's
 * spend equals the cost counter.
 */
class AnthropicBudgetIntegrationTests {

	// 10,000 input tokens, 20,000 cache reads and 1,000 output tokens a round: 0.051 USD.
	private static final double ROUND_COST = 10_000 * IN + 20_000 * READ + 1_000 * OUT;

	private static final FakeAnthropic anthropic = FakeAnthropic.start();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = AnthropicApplication.run(anthropic, "--agent-metrics.budgets.claude.agent=claude-looper",
				"--agent-metrics.budgets.claude.limit-usd=0.1", "--agent-metrics.budgets.claude.action=block",
				"--agent-metrics.budgets.claude-stream.agent=claude-stream-looper",
				"--agent-metrics.budgets.claude-stream.limit-usd=0.1",
				"--agent-metrics.budgets.claude-stream.action=block");
	}

	@AfterAll
	static void stop() {
		context.close();
		anthropic.close();
	}

	@AfterEach
	void everyRequestFoundAReply() {
		assertThat(anthropic.leftovers()).startsWith("0 unexpected requests");
		anthropic.reset();
	}

	@Test
	void blockingToolLoopStopsAfterTheRoundThatSpentTheBudget() {
		enqueueLoop();
		assertThatException().isThrownBy(() -> chatClient().prompt("Weather?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "claude-looper"))
			.call()
			.content()).satisfies(BudgetAssertions.refusedBy("claude"));
		assertStoppedAfterTwoRounds("claude-looper", "claude");
	}

	@Test
	void streamingToolLoopStopsAfterTheRoundThatSpentTheBudget() {
		enqueueLoop();
		assertThatException().isThrownBy(() -> chatClient().prompt("Weather?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "claude-stream-looper"))
			.stream()
			.content()
			.collectList()
			.block()).satisfies(BudgetAssertions.refusedBy("claude-stream"));
		assertStoppedAfterTwoRounds("claude-stream-looper", "claude-stream");
	}

	private static void enqueueLoop() {
		anthropic.enqueue(Reply.toolUse("getWeather", "{\"city\":\"Oslo\"}").usage(10_000, 1_000).cacheRead(20_000),
				Reply.toolUse("getWeather", "{\"city\":\"Bergen\"}").usage(10_000, 1_000).cacheRead(20_000),
				Reply.toolUse("getWeather", "{\"city\":\"Tromso\"}").usage(10_000, 1_000).cacheRead(20_000),
				Reply.text("Snow everywhere").usage(10_000, 1_000).cacheRead(20_000));
	}

	private static void assertStoppedAfterTwoRounds(String agent, String budget) {
		// The first round spent 0.051 of 0.1, the second 0.102: the third was not requested.
		assertThat(anthropic.requests()).hasSize(2);
		PrometheusText metrics = PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
		assertThat(tokens(metrics, agent, "input")).isEqualTo(60_000);
		assertThat(tokens(metrics, agent, "cache_read")).isEqualTo(40_000);
		assertThat(tokens(metrics, agent, "output")).isEqualTo(2_000);
		assertThat(cost(metrics, agent)).isCloseTo(2 * ROUND_COST, within(1e-12));
		BudgetAssertions.assertRefusedOnceAndSpentTheCost(metrics, agent, budget);
	}

	private static ChatClient chatClient() {
		return context.getBean(ChatClient.Builder.class).build();
	}

}
