package dev.agentmetrics.integration;

import java.util.function.Consumer;

import dev.agentmetrics.budget.BudgetExceededException;
import dev.agentmetrics.test.PrometheusText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Assertions on calls a blocking spend budget stopped, shared by the providers' budget
 * tests.
 */
final class BudgetAssertions {

	private BudgetAssertions() {
	}

	/**
	 * Assert that a call failed because the given budget was spent: its exception, or one
	 * the chat model wrapped it in.
	 * @param budget the budget's name
	 * @return the assertion
	 */
	static Consumer<Throwable> refusedBy(String budget) {
		return (ex) -> {
			Throwable cause = ex;
			while (cause != null && !(cause instanceof BudgetExceededException)) {
				cause = cause.getCause();
			}
			assertThat(cause).as("the cause of %s", ex).isInstanceOf(BudgetExceededException.class);
			assertThat(((BudgetExceededException) cause).getBudget()).isEqualTo(budget);
		};
	}

	/**
	 * Assert that one call of an agent was refused by its budget and recorded as such, and
	 * that the budget spent exactly what the agent's calls cost.
	 * @param metrics the scrape
	 * @param agent the agent
	 * @param budget its budget
	 */
	static void assertRefusedOnceAndSpentTheCost(PrometheusText metrics, String agent, String budget) {
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent, "outcome", "error", "error",
				"budget_exceeded"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", agent, "kind", "budget_exceeded")).isEqualTo(1);
		assertThat(metrics.sum("agent_budget_rejections_total", "budget", budget)).isEqualTo(1);
		assertThat(metrics.sum("agent_budget_spend_usd", "budget", budget))
			.isCloseTo(metrics.sum("agent_llm_cost_usd_total", "agent", agent), within(1e-12));
	}

}
