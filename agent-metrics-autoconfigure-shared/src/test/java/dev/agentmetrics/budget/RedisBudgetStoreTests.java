package dev.agentmetrics.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.autoconfigure.BudgetAutoConfiguration;
import dev.agentmetrics.autoconfigure.ErrorsAutoConfiguration;
import dev.agentmetrics.autoconfigure.LlmMetricsAutoConfiguration;
import dev.agentmetrics.autoconfigure.PricingAutoConfiguration;
import dev.agentmetrics.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Budgets shared through a real {@code redis-server}: two application contexts enforce
 * one budget and publish each event once between them; while Redis is stopped calls are
 * not failed, a budget counts the fleet's spend last read plus its instance's own, unless
 * the store fails closed; once Redis is back, what was spent meanwhile is added to it,
 * once. One class for one server, started once: the tests of the store itself drive it
 * with a clock of their own.
 */
class RedisBudgetStoreTests {

	private static final Duration HOUR = Duration.ofHours(1);

	private static RedisServer redis;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				LlmMetricsAutoConfiguration.class, BudgetAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(RedisLine.AUTO_CONFIGURATION))
		.withBean(SimpleMeterRegistry.class)
		.withBean(Thresholds.class);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

	private final String prefix = "test-" + System.nanoTime() + ":";

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
		String[] properties = properties("fleet");
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
	void whileRedisIsDownABudgetCountsTheFleetSpendLastReadPlusItsOwnThenAddsItsOwnToRedis() {
		String[] properties = properties("outage");
		this.contextRunner.withPropertyValues(properties).run((first) -> this.contextRunner.withPropertyValues(properties)
			.run((second) -> {
				Budgets one = first.getBean(Budgets.class);
				Budgets other = second.getBean(Budgets.class);
				one.spend("support", 0.50);
				other.spend("support", 0.30);
				assertThat(one.spent("outage")).isCloseTo(0.80, within(1e-12));
				redis.stop();
				try {
					assertThatNoException().isThrownBy(() -> one.check("support"));
					one.spend("support", 0.15);
					// The fleet's 0.80 last read, and this instance's 0.15 since.
					assertThat(one.spent("outage")).isCloseTo(0.95, within(1e-12));
					assertThatNoException().isThrownBy(() -> one.check("support"));
					one.spend("support", 0.10);
					assertThatExceptionOfType(BudgetExceededException.class)
						.isThrownBy(() -> one.check("support"));
				}
				finally {
					redis.startAgain();
				}
				awaitRedis(first);
				awaitRedis(second);
				Thread.sleep(200); // the store's pause, retry-after, has passed
				assertThat(one.spent("outage")).isCloseTo(1.05, within(1e-12));
				assertThat(other.spent("outage")).isCloseTo(1.05, within(1e-12));
				this.contextRunner.withPropertyValues(properties)
					.run((third) -> assertThat(third.getBean(Budgets.class).spent("outage")).isCloseTo(1.05,
							within(1e-12)));
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> other.check("support"));
			}));
	}

	@Test
	void failClosedRefusesTheCallsOfABudgetItCannotRead() {
		this.contextRunner.withPropertyValues(properties("closed", "agent-metrics.budget.fail-closed=true"))
			.run((context) -> {
				Budgets budgets = context.getBean(Budgets.class);
				redis.stop();
				try {
					assertThatExceptionOfType(BudgetExceededException.class)
						.isThrownBy(() -> budgets.check("support"))
						.withMessageContaining("Budget 'closed' cannot be read and fails closed");
				}
				finally {
					redis.startAgain();
				}
			});
	}

	@Test
	void instancesSharingRedisPublishEachThresholdOnce() {
		String[] properties = properties("events", "agent-metrics.budgets.events.action=record",
				"agent-metrics.budgets.events.warn-at=0.5");
		this.contextRunner.withPropertyValues(properties).run((first) -> this.contextRunner.withPropertyValues(properties)
			.run((second) -> {
				Budgets one = first.getBean(Budgets.class);
				Budgets other = second.getBean(Budgets.class);
				one.spend("support", 0.40);
				other.spend("support", 0.20);
				one.spend("support", 0.10);
				one.spend("support", 0.35);
				other.spend("support", 0.10);
				List<BudgetThresholdEvent> ones = first.getBean(Thresholds.class).events;
				List<BudgetThresholdEvent> others = second.getBean(Thresholds.class).events;
				assertThat(others).extracting(BudgetThresholdEvent::getKind)
					.containsExactly(BudgetThresholdEvent.Kind.WARNING);
				assertThat(others.get(0).getSpentUsd()).isCloseTo(0.60, within(1e-12));
				assertThat(ones).extracting(BudgetThresholdEvent::getKind)
					.containsExactly(BudgetThresholdEvent.Kind.EXHAUSTED);
				assertThat(ones.get(0).getSpentUsd()).isCloseTo(1.05, within(1e-12));
				StringRedisTemplate template = new StringRedisTemplate(first.getBean(RedisConnectionFactory.class));
				assertThat(template.keys(this.prefix + "events:event:*")).containsExactlyInAnyOrder(
						this.prefix + "events:event:WARNING:day", this.prefix + "events:event:EXHAUSTED:day");
			}));
	}

	@Test
	void rollingWindowWarnsAgainAfterItsSpendFellBackButOnceForTheFleet() {
		withRedis((template) -> {
			Budget budget = new Budget("hourly", Budget.ALL_AGENTS, 1.00, BudgetWindow.rolling(HOUR),
					BudgetAction.RECORD, 0.5);
			List<BudgetThresholdEvent> ones = new CopyOnWriteArrayList<>();
			List<BudgetThresholdEvent> others = new CopyOnWriteArrayList<>();
			Budgets one = new Budgets(List.of(budget), store(template), new SimpleMeterRegistry(),
					(event) -> ones.add((BudgetThresholdEvent) event), this.clock);
			Budgets other = new Budgets(List.of(budget), store(template), new SimpleMeterRegistry(),
					(event) -> others.add((BudgetThresholdEvent) event), this.clock);
			// One crossing, seen by both instances in two different hours.
			spendAt("10:30", one, 0.45);
			spendAt("10:59", one, 0.10);
			spendAt("11:01", other, 0.05);
			// The 0.45 has left the window: both see the spend below the threshold.
			spendAt("11:31", one, 0.05);
			spendAt("11:31", other, 0.05);
			// A new crossing.
			spendAt("11:40", one, 0.30);
			spendAt("11:40", other, 0.05);
			spendAt("11:40", other, 0.50);
			spendAt("11:40", one, 0.10);
			assertThat(ones).extracting(BudgetThresholdEvent::getKind)
				.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.WARNING);
			assertThat(ones).extracting(BudgetThresholdEvent::getSpentUsd)
				.satisfiesExactly((spent) -> assertThat(spent).isCloseTo(0.55, within(1e-12)),
						(spent) -> assertThat(spent).isCloseTo(0.55, within(1e-12)));
			assertThat(others).extracting(BudgetThresholdEvent::getKind)
				.containsExactly(BudgetThresholdEvent.Kind.EXHAUSTED);
			assertThat(others.get(0).getSpentUsd()).isCloseTo(1.10, within(1e-12));
		});
	}

	@Test
	void claimsWinOnceAndWhileRedisCannotBeReached() {
		withRedis((template) -> {
			FailingScriptsTemplate failing = new FailingScriptsTemplate(template.getConnectionFactory());
			RedisBudgetStore store = store(failing);
			failing.failRun(1);
			assertThat(store.claim("claims", "WARNING", 5, 5, HOUR)).isTrue();
			// Within the pause, without asking Redis.
			assertThat(store.claim("claims", "WARNING", 5, 5, HOUR)).isTrue();
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(store.claim("claims", "WARNING", 5, 5, HOUR)).isTrue();
			assertThat(store.claim("claims", "WARNING", 5, 6, HOUR)).isFalse();
			assertThat(store.claim("claims", "EXHAUSTED", 5, 6, HOUR)).isTrue();
			assertThat(store.claim("claims", "WARNING", 6, 7, HOUR)).isTrue();
			assertThat(template.opsForValue().get(this.prefix + "claims:event:WARNING")).isEqualTo("7");
		});
	}

	@Test
	void rollingWindowForgetsTheSpendLastReadAsItsSlotsLeaveTheWindowWhileRedisIsDown() {
		withRedis((template) -> {
			Budget budget = new Budget("minute", "support", 1.00, BudgetWindow.rolling(Duration.ofMinutes(1)),
					BudgetAction.BLOCK, 0.8);
			Budgets one = new Budgets(List.of(budget), store(template), new SimpleMeterRegistry(), null, this.clock);
			Budgets other = new Budgets(List.of(budget), store(template), new SimpleMeterRegistry(), null, this.clock);
			one.spend("support", 0.50);
			this.clock.advance(Duration.ofSeconds(20));
			other.spend("support", 0.30);
			assertThat(one.spent("minute")).isCloseTo(0.80, within(1e-12));
			redis.stop();
			try {
				this.clock.advance(Duration.ofSeconds(10));
				one.spend("support", 0.25);
				assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> one.check("support"));
				this.clock.advance(Duration.ofSeconds(31));
				// The 0.50 has left the window; the 0.30 last read and the 0.25 since remain.
				assertThat(one.spent("minute")).isCloseTo(0.55, within(1e-12));
				assertThatNoException().isThrownBy(() -> one.check("support"));
				this.clock.advance(Duration.ofSeconds(20));
				assertThat(one.spent("minute")).isCloseTo(0.25, within(1e-12));
			}
			finally {
				redis.startAgain();
			}
			awaitRedis(template.getConnectionFactory());
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(one.spent("minute")).isCloseTo(0.25, within(1e-12));
			assertThat(other.spent("minute")).isCloseTo(0.25, within(1e-12));
		});
	}

	@Test
	void spendOfAnOutageIsAddedOnceWhenManyThreadsSeeRedisAnswerAgain() {
		withRedis((template) -> {
			RedisBudgetStore store = store(template);
			store.add("threads", 1, 0.50, HOUR);
			redis.stop();
			try {
				store.add("threads", 1, 0.25, HOUR);
				store.add("threads", 1, 0.125, HOUR);
			}
			finally {
				redis.startAgain();
			}
			awaitRedis(template.getConnectionFactory());
			this.clock.advance(Duration.ofSeconds(2));
			CountDownLatch start = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				Thread thread = new Thread(() -> {
					awaitQuietly(start);
					store.sum("threads", 1, 1);
				});
				thread.start();
				threads.add(thread);
			}
			start.countDown();
			for (Thread thread : threads) {
				thread.join();
			}
			assertThat(template.opsForValue().get(this.prefix + "threads:1")).isEqualTo("0.875");
			assertThat(store(template).sum("threads", 1, 1)).isEqualTo(0.875);
			assertThat(store.sum("threads", 1, 1)).isEqualTo(0.875);
		});
	}

	@Test
	void whatASendingThatFailsMidwayDidNotAddStaysToBeAddedLater() {
		withRedis((template) -> {
			FailingScriptsTemplate failing = new FailingScriptsTemplate(template.getConnectionFactory());
			RedisBudgetStore store = store(failing);
			failing.failRun(1);
			store.add("midway", 1, 0.25, HOUR);
			store.add("midway", 2, 0.50, HOUR);
			this.clock.advance(Duration.ofSeconds(2));
			failing.failRun(2);
			// The first slot added, the second not: 0.25 read back, 0.50 still kept.
			assertThat(store.sum("midway", 1, 2)).isCloseTo(0.75, within(1e-12));
			assertThat(slots(template, "midway", 1, 2)).containsExactly("0.25", null);
			this.clock.advance(Duration.ofSeconds(2));
			assertThat(store.sum("midway", 1, 2)).isCloseTo(0.75, within(1e-12));
			assertThat(store.sum("midway", 1, 2)).isCloseTo(0.75, within(1e-12));
			assertThat(slots(template, "midway", 1, 2)).containsExactly("0.25", "0.5");
		});
	}

	@Test
	void spendOfAnOutageKeepsTheExpiryOfItsSlotAndIsDroppedOnceItsRetentionPassed() {
		withRedis((template) -> {
			FailingScriptsTemplate failing = new FailingScriptsTemplate(template.getConnectionFactory());
			RedisBudgetStore store = store(failing);
			store.add("expiry", 3, 0.125, HOUR);
			failing.failRun(1);
			store.add("expiry", 1, 0.25, Duration.ofMinutes(1));
			store.add("expiry", 2, 0.50, Duration.ofMinutes(10));
			store.add("expiry", 3, 0.125, Duration.ofMinutes(10));
			this.clock.advance(Duration.ofMinutes(2));
			assertThat(store.sum("expiry", 1, 3)).isCloseTo(0.75, within(1e-12));
			assertThat(slots(template, "expiry", 1, 3)).containsExactly(null, "0.5", "0.25");
			// What is left of the slot's retention; a longer expiry is not shortened.
			assertThat(template.getExpire(this.prefix + "expiry:2", TimeUnit.MILLISECONDS))
				.isBetween(Duration.ofMinutes(8).minusSeconds(10).toMillis(), Duration.ofMinutes(8).toMillis());
			assertThat(template.getExpire(this.prefix + "expiry:3", TimeUnit.MILLISECONDS))
				.isBetween(HOUR.minusSeconds(10).toMillis(), HOUR.toMillis());
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

	private void spendAt(String time, Budgets budgets, double usd) {
		this.clock.set(Instant.parse("2026-11-29T" + time + ":00Z"));
		budgets.spend("support", usd);
	}

	private RedisBudgetStore store(StringRedisTemplate template) {
		return new RedisBudgetStore(template, this.prefix, false, Duration.ofSeconds(1), this.clock);
	}

	private List<String> slots(StringRedisTemplate template, String budget, long fromSlot, long toSlot) {
		List<String> keys = new ArrayList<>();
		for (long slot = fromSlot; slot <= toSlot; slot++) {
			keys.add(this.prefix + budget + ":" + slot);
		}
		return template.opsForValue().multiGet(keys);
	}

	/** Run with a template on the test's Redis, connected as Spring Boot connects. */
	private void withRedis(RedisTest test) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(RedisLine.AUTO_CONFIGURATION))
			.withPropertyValues(connection())
			.run((context) -> test.run(new StringRedisTemplate(context.getBean(RedisConnectionFactory.class))));
	}

	private static void awaitRedis(ApplicationContext context) {
		awaitRedis(context.getBean(RedisConnectionFactory.class));
	}

	/** Wait until the factory's connection, which Lettuce restores, answers again. */
	private static void awaitRedis(RedisConnectionFactory connectionFactory) {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
			try (RedisConnection connection = connectionFactory.getConnection()) {
				return "PONG".equals(connection.ping());
			}
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String[] properties(String budget, String... more) {
		String spec = "agent-metrics.budgets." + budget;
		List<String> properties = new ArrayList<>(List.of(spec + ".agent=support", spec + ".limit-usd=1",
				spec + ".action=block", "agent-metrics.budget.store=redis", "agent-metrics.budget.fail-closed=false",
				"agent-metrics.budget.redis.retry-after=100ms", "agent-metrics.budget.redis.key-prefix=" + this.prefix));
		properties.addAll(List.of(connection()));
		properties.addAll(List.of(more));
		return properties.toArray(String[]::new);
	}

	private static String[] connection() {
		return new String[] { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"spring.data.redis.timeout=500ms", "spring.data.redis.connect-timeout=300ms" };
	}

	/** A test that needs a template on the test's Redis. */
	@FunctionalInterface
	private interface RedisTest {

		void run(StringRedisTemplate template) throws Exception;

	}

	/** Records the budgets' threshold events of a context. */
	static class Thresholds implements ApplicationListener<BudgetThresholdEvent> {

		final List<BudgetThresholdEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(BudgetThresholdEvent event) {
			this.events.add(event);
		}

	}

}
