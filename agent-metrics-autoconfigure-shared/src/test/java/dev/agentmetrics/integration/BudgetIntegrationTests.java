package dev.agentmetrics.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.budget.BudgetExceededException;
import dev.agentmetrics.budget.BudgetThresholdEvent;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Spend budgets with the line's real OpenAI client against the fake server: a blocking
 * budget refuses blocking and streaming calls once spent, before any request, and the
 * refusals count as errors; a recording budget lets calls through and publishes its
 * thresholds. Each call costs what the fake billed, priced from the built-in table.
 */
@OpenAiIntegrationTest
@Import(BudgetIntegrationTests.Thresholds.class)
@TestPropertySource(properties = { "agent-metrics.budgets.loop.agent=looper",
		"agent-metrics.budgets.loop.limit-usd=0.03", "agent-metrics.budgets.loop.action=block",
		"agent-metrics.budgets.crowd.agent=crowd",
		"agent-metrics.budgets.crowd.limit-usd=0.1", "agent-metrics.budgets.crowd.action=block",
		"agent-metrics.budgets.support.agent=budgeted",
		"agent-metrics.budgets.support.limit-usd=0.03", "agent-metrics.budgets.support.action=block",
		"agent-metrics.budgets.watch.agent=watched", "agent-metrics.budgets.watch.limit-usd=0.03",
		"agent-metrics.budgets.watch.warn-at=0.5" })
class BudgetIntegrationTests {

	private static final ModelPrice PRICE = new PrefixMatchingPriceTable(DefaultPrices.prices())
		.find("gpt-4o-mini-2024-07-18");

	// 100,000 prompt and 10,000 completion tokens: 0.021 USD.
	private static final double CALL_COST = PRICE.cost(100_000, 10_000, 0, 0);

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Autowired
	private Thresholds thresholds;

	@Test
	void blockingBudgetRefusesCallsOnceSpentBeforeAnyRequest() {
		this.openAi.enqueue(Reply.text("One").usage(100_000, 10_000), Reply.text("Two").usage(100_000, 10_000));
		ChatClient chatClient = this.client.chatClient();
		assertThat(call(chatClient, "budgeted")).isEqualTo("One");
		assertThat(call(chatClient, "budgeted")).isEqualTo("Two");
		// 0.042 USD spent of 0.03: the next calls are refused, blocking and streaming alike.
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> call(chatClient, "budgeted"))
			.satisfies((ex) -> assertThat(ex.getBudget()).isEqualTo("support"));
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> chatClient.prompt("Stream")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "budgeted"))
			.stream()
			.content()
			.collectList()
			.block());
		assertThat(this.openAi.requests()).hasSize(2);

		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "budgeted", "outcome", "error", "error",
				"budget_exceeded"))
			.isEqualTo(2);
		assertThat(metrics.sum("agent_errors_total", "agent", "budgeted", "kind", "budget_exceeded")).isEqualTo(2);
		assertThat(metrics.sum("agent_budget_rejections_total", "budget", "support")).isEqualTo(2);
		double cost = metrics.sum("agent_llm_cost_usd_total", "agent", "budgeted");
		assertThat(cost).isCloseTo(2 * CALL_COST, within(1e-12));
		assertThat(metrics.sum("agent_budget_spend_usd", "budget", "support")).isCloseTo(cost, within(1e-12));
		assertThat(metrics.sum("agent_budget_limit_usd", "budget", "support")).isEqualTo(0.03);
		assertThat(metrics.sum("agent_budget_remaining_usd", "budget", "support")).isZero();
		// Other agents are not covered.
		this.openAi.enqueue(Reply.text("Free").usage(10, 1));
		assertThat(call(chatClient, "other")).isEqualTo("Free");
	}

	@Test
	void recordingBudgetLetsCallsThroughAndPublishesItsThresholdsOnce() {
		this.openAi.enqueue(Reply.text("One").usage(100_000, 10_000), Reply.text("Two").usage(100_000, 10_000),
				Reply.text("Three").usage(100_000, 10_000));
		ChatClient chatClient = this.client.chatClient();
		assertThat(call(chatClient, "watched")).isEqualTo("One");
		assertThat(call(chatClient, "watched")).isEqualTo("Two");
		assertThat(call(chatClient, "watched")).isEqualTo("Three");
		List<BudgetThresholdEvent> events = this.thresholds.of("watch");
		assertThat(events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.EXHAUSTED);
		assertThat(events.get(0).getSpentUsd()).isCloseTo(CALL_COST, within(1e-12));
		assertThat(events.get(1).getSpentUsd()).isCloseTo(2 * CALL_COST, within(1e-12));
		assertThat(events.get(1).getLimitUsd()).isEqualTo(0.03);
		PrometheusText metrics = this.client.scrape();
		assertThat(metrics.sum("agent_budget_spend_usd", "budget", "watch")).isCloseTo(3 * CALL_COST, within(1e-12));
		assertThat(metrics.sum("agent_budget_rejections_total", "budget", "watch")).isZero();
	}

	@Test
	void toolLoopStopsAtTheRoundAfterTheOneThatSpentTheBudget() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(100_000, 10_000),
				Reply.toolCall("getWeather", "{\"city\":\"Bergen\"}").usage(100_000, 10_000),
				Reply.toolCall("getWeather", "{\"city\":\"Tromso\"}").usage(100_000, 10_000),
				Reply.text("Snow everywhere").usage(100_000, 10_000));
		ChatClient chatClient = this.client.chatClient();
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> chatClient.prompt("Weather?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "looper"))
			.call()
			.content()).satisfies((ex) -> assertThat(ex.getBudget()).isEqualTo("loop"));
		// The first round spent 0.021 of 0.03, the second 0.042: the third was not requested.
		assertThat(this.openAi.requests()).hasSize(2);
		PrometheusText metrics = this.client.scrape();
		double cost = metrics.sum("agent_llm_cost_usd_total", "agent", "looper");
		assertThat(cost).isCloseTo(2 * CALL_COST, within(1e-12));
		assertThat(metrics.sum("agent_budget_spend_usd", "budget", "loop")).isCloseTo(cost, within(1e-12));
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "looper", "error", "budget_exceeded"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_budget_rejections_total", "budget", "loop")).isEqualTo(1);
		// The replies of the rounds never requested.
		this.openAi.reset();
	}

	@Test
	void concurrentCallsOverspendByNoMoreThanTheCallsInFlight() throws Exception {
		int threads = 8;
		int attemptsEach = 3;
		for (int i = 0; i < threads * attemptsEach; i++) {
			this.openAi.enqueue(Reply.text("Answer").usage(100_000, 10_000).delay(java.time.Duration.ofMillis(40)));
		}
		ChatClient chatClient = this.client.chatClient();
		java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(threads);
		try {
			List<java.util.concurrent.Future<?>> workers = new java.util.ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(executor.submit(() -> {
					for (int attempt = 0; attempt < attemptsEach; attempt++) {
						try {
							call(chatClient, "crowd");
							answered.incrementAndGet();
						}
						catch (BudgetExceededException ex) {
							refused.incrementAndGet();
						}
					}
				}));
			}
			for (java.util.concurrent.Future<?> worker : workers) {
				worker.get(60, java.util.concurrent.TimeUnit.SECONDS);
			}
		}
		finally {
			executor.shutdownNow();
		}
		PrometheusText metrics = this.client.scrape();
		double spent = metrics.sum("agent_budget_spend_usd", "budget", "crowd");
		assertThat(spent).isCloseTo(answered.get() * CALL_COST, within(1e-9));
		// The budget was reached, and overspent by no more than the calls that were in flight.
		assertThat(spent).isGreaterThanOrEqualTo(0.1).isLessThan(0.1 + threads * CALL_COST);
		assertThat(answered.get() + refused.get()).isEqualTo(threads * attemptsEach);
		assertThat(refused.get()).isPositive();
		assertThat(metrics.sum("agent_budget_rejections_total", "budget", "crowd")).isEqualTo(refused.get());
		assertThat(this.openAi.requests()).hasSize(answered.get());
		// The replies the refused calls never asked for.
		this.openAi.reset();
	}

	private static String call(ChatClient chatClient, String agent) {
		return chatClient.prompt("Question").advisors((a) -> a.param(AgentMetrics.AGENT, agent)).call().content();
	}

	/** Records the budgets' threshold events. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Thresholds {

		final List<BudgetThresholdEvent> events = new CopyOnWriteArrayList<>();

		List<BudgetThresholdEvent> of(String budget) {
			return this.events.stream().filter((event) -> event.getBudget().equals(budget)).toList();
		}

		@EventListener
		void onThreshold(BudgetThresholdEvent event) {
			this.events.add(event);
		}

	}

}
