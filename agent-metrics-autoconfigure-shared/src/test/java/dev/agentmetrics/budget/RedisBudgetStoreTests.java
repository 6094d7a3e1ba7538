package dev.agentmetrics.budget;

import dev.agentmetrics.autoconfigure.BudgetAutoConfiguration;
import dev.agentmetrics.autoconfigure.ErrorsAutoConfiguration;
import dev.agentmetrics.autoconfigure.LlmMetricsAutoConfiguration;
import dev.agentmetrics.autoconfigure.PricingAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.within;

/**
 * Budgets shared through a real {@code redis-server}: two application contexts enforce
 * one budget; while Redis is stopped calls are not failed (each instance counts its own
 * spend) unless the store fails closed; once Redis is back, the shared spend counts again.
 */
class RedisBudgetStoreTests {

	private static RedisServer redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				LlmMetricsAutoConfiguration.class, BudgetAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(RedisLine.AUTO_CONFIGURATION))
		.withBean(SimpleMeterRegistry.class);

	@BeforeAll
	static void startRedis() {
		redis = RedisServer.start();
	}

	@AfterAll
	static void stopRedis() {
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void twoInstancesEnforceOneBudget() {
		String[] properties = properties("fleet", "false");
		this.contextRunner.withPropertyValues(properties).run((first) -> this.contextRunner.withPropertyValues(properties)
			.run((second) -> {
				assertThat(first.getBean(BudgetStore.class)).isInstanceOf(RedisBudgetStore.class);
				Budgets one = first.getBean(Budgets.class);
				Budgets other = second.getBean(Budgets.class);
				one.spend("support", 0.60);
				assertThatNoException().isThrownBy(() -> other.check("support"));
				other.spend("support", 0.40);
				// The first instance spent 0.60 and the second 0.40: both see the budget spent.
				assertThat(one.spent("fleet")).isCloseTo(1.00, within(1e-12));
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> one.check("support"));
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> other.check("support"));
			}));
	}

	@Test
	void whileRedisIsDownCallsGoAheadWithLocalAccountingThenTheSharedSpendCountsAgain() {
		this.contextRunner.withPropertyValues(properties("outage", "false")).run((context) -> {
			Budgets budgets = context.getBean(Budgets.class);
			budgets.spend("support", 0.50);
			redis.stop();
			try {
				assertThatNoException().isThrownBy(() -> budgets.check("support"));
				budgets.spend("support", 0.70);
				// Counted in the instance meanwhile: 0.70 of 1.00, the shared 0.50 unknown.
				assertThat(budgets.spent("outage")).isCloseTo(0.70, within(1e-12));
				assertThatNoException().isThrownBy(() -> budgets.check("support"));
				budgets.spend("support", 0.40);
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"));
			}
			finally {
				redis.startAgain();
			}
			// A new redis-server without persistence: the shared spend starts over, and counts.
			Thread.sleep(300);
			budgets.spend("support", 0.25);
			assertThat(budgets.spent("outage")).isCloseTo(0.25, within(1e-12));
			assertThatNoException().isThrownBy(() -> budgets.check("support"));
		});
	}

	@Test
	void failClosedRefusesTheCallsOfABudgetItCannotRead() {
		this.contextRunner.withPropertyValues(properties("closed", "true")).run((context) -> {
			Budgets budgets = context.getBean(Budgets.class);
			redis.stop();
			try {
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"))
					.withMessageContaining("Budget 'closed' cannot be read and fails closed");
			}
			finally {
				redis.startAgain();
			}
		});
	}

	@Test
	void redisStoreWithoutSpringDataRedisConnectionFailsToStart() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class, BudgetAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.withPropertyValues("agent-metrics.budgets.fleet.limit-usd=1", "agent-metrics.budget.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("agent-metrics.budget.store must be \"local\", or \"redis\" with Spring Data "
						+ "Redis and a Redis connection, but was redis"));
	}

	private static String[] properties(String budget, String failClosed) {
		return new String[] { "agent-metrics.budgets." + budget + ".agent=support",
				"agent-metrics.budgets." + budget + ".limit-usd=1", "agent-metrics.budgets." + budget + ".action=block",
				"agent-metrics.budget.store=redis", "agent-metrics.budget.fail-closed=" + failClosed,
				"agent-metrics.budget.redis.retry-after=100ms",
				"agent-metrics.budget.redis.key-prefix=test-" + System.nanoTime() + ":",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=300ms" };
	}

}
