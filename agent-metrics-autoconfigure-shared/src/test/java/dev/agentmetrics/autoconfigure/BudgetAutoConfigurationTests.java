package dev.agentmetrics.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;

import dev.agentmetrics.budget.Budget;
import dev.agentmetrics.budget.BudgetAction;
import dev.agentmetrics.budget.BudgetAdvisor;
import dev.agentmetrics.budget.BudgetWindowScheduler;
import dev.agentmetrics.budget.Budgets;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.resilience.CircuitBreakerAdvisor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spend budgets' auto-configuration: binding, validation and the advisor's order.
 */
class BudgetAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.openAi()
		.withConfiguration(AutoConfigurations.of(BudgetAutoConfiguration.class));

	@Test
	void addsNothingWithoutBudgets() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(Budgets.class)
			.doesNotHaveBean(BudgetAdvisor.class)
			.doesNotHaveBean(BudgetWindowScheduler.class));
	}

	@Test
	void bindsEachBudgetWithItsDefaults() {
		this.contextRunner
			.withPropertyValues("agent-metrics.budgets.support-daily.agent=support",
					"agent-metrics.budgets.support-daily.limit-usd=5", "agent-metrics.budgets.support-daily.action=block",
					"agent-metrics.budgets.hourly.limit-usd=0.5", "agent-metrics.budgets.hourly.window=1h",
					"agent-metrics.budgets.hourly.warn-at=0.5", "agent-metrics.budget.zone=Europe/Berlin")
			.run((context) -> {
				assertThat(context).hasSingleBean(BudgetAdvisor.class).hasSingleBean(BudgetWindowScheduler.class);
				assertThat(context.getBean(BudgetWindowScheduler.class).isRunning()).isTrue();
				assertThat(context.getBean(Budgets.class).budgets()).satisfiesExactly((support) -> {
					assertThat(support.name()).isEqualTo("support-daily");
					assertThat(support.agent()).isEqualTo("support");
					assertThat(support.limitUsd()).isEqualTo(5.0);
					assertThat(support.window()).hasToString("day");
					assertThat(support.action()).isEqualTo(BudgetAction.BLOCK);
					assertThat(support.warnAt()).isEqualTo(0.8);
				}, (hourly) -> {
					assertThat(hourly.agent()).isEqualTo(Budget.ALL_AGENTS);
					assertThat(hourly.window()).hasToString(Duration.ofHours(1).toString());
					assertThat(hourly.action()).isEqualTo(BudgetAction.RECORD);
					assertThat(hourly.warnAt()).isEqualTo(0.5);
				});
				assertThat(context.getBean(BudgetProperties.class).getBudget().getZone())
					.isEqualTo(ZoneId.of("Europe/Berlin"));
			});
	}

	@Test
	void ordersTheBudgetAdvisorInsideTheMetricsAndCircuitBreakerAdvisorsByDefault() {
		this.contextRunner.withPropertyValues("agent-metrics.budgets.daily.limit-usd=5")
			.run((context) -> assertThat(context.getBean(BudgetAdvisor.class).getOrder())
				.isEqualTo(CircuitBreakerAdvisor.DEFAULT_ORDER + 1)
				.isEqualTo(LlmMetricsAdvisor.DEFAULT_ORDER + 2));
	}

	@Test
	void ordersTheBudgetAdvisorAsConfigured() {
		this.contextRunner
			.withPropertyValues("agent-metrics.budgets.daily.limit-usd=5", "agent-metrics.budget.advisor-order=1000")
			.run((context) -> assertThat(context.getBean(BudgetAdvisor.class).getOrder()).isEqualTo(1000));
	}

	@Test
	void failsToStartWithANegativeLimit() {
		assertFailure("agent-metrics.budgets.daily.limit-usd=-1",
				"agent-metrics.budgets.daily.limit-usd must be a non-negative number of USD, but was -1.0");
	}

	@Test
	void failsToStartWithoutALimit() {
		assertFailure("agent-metrics.budgets.other.agent=support",
				"agent-metrics.budgets.other.limit-usd must be a non-negative number of USD, but was (not set)");
	}

	@Test
	void failsToStartWithAnUnknownAction() {
		assertFailure("agent-metrics.budgets.daily.action=throttle",
				"agent-metrics.budgets.daily.action must be \"record\" or \"block\", but was throttle");
	}

	@Test
	void failsToStartWithAWarningOutsideZeroToOne() {
		assertFailure("agent-metrics.budgets.daily.warn-at=1.5",
				"agent-metrics.budgets.daily.warn-at must be a fraction of the limit between 0 and 1, but was 1.5");
	}

	@Test
	void failsToStartWithAnUnknownWindow() {
		assertFailure("agent-metrics.budgets.daily.window=fortnight", "agent-metrics.budgets.daily.window must be "
				+ "\"day\", \"month\" or a duration of at least one second, such as 1h, but was fortnight");
	}

	private void assertFailure(String property, String message) {
		this.contextRunner.withPropertyValues("agent-metrics.budgets.daily.limit-usd=1", property)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidAgentMetricsPropertyException.class)
				.hasMessage(message));
	}

}
