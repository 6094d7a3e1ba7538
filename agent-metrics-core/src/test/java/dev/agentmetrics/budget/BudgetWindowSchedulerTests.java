package dev.agentmetrics.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler that has budgets publish that a calendar window started when it does.
 */
class BudgetWindowSchedulerTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	private final List<BudgetThresholdEvent> events = new CopyOnWriteArrayList<>();

	@Test
	void publishesThatADayStartedAtMidnightInItsZoneWithoutAnyCall() throws Exception {
		// A wall clock that runs, an hour before midnight in Berlin while the budgets are
		// made (however long that takes), then 800 ms before it when the scheduler starts.
		Instant midnight = ZonedDateTime.of(2026, 11, 30, 0, 0, 0, 0, ZONE).toInstant();
		RunningClock clock = new RunningClock(midnight.minus(Duration.ofHours(1)));
		Budgets budgets = budgets(clock, BudgetWindow.day(ZONE));
		BudgetWindowScheduler scheduler = new BudgetWindowScheduler(budgets);
		clock.runFrom(midnight.minusMillis(800));
		scheduler.start();
		try {
			assertThat(scheduler.isRunning()).isTrue();
			assertThat(budgets.untilNextWindow()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(800));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (this.events.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(20);
			}
			assertThat(this.events).as("events at %s (midnight in Berlin: %s), the next window in %s", clock.instant(),
					midnight, budgets.untilNextWindow())
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getKind()).isEqualTo(BudgetThresholdEvent.Kind.WINDOW_STARTED);
					assertThat(event.getBudget()).isEqualTo("daily");
				});
			assertThat(clock.instant()).isAfterOrEqualTo(midnight);
			// The next one is a day away.
			assertThat(budgets.untilNextWindow()).isGreaterThan(Duration.ofHours(23));
		}
		finally {
			scheduler.stop();
		}
		assertThat(scheduler.isRunning()).isFalse();
	}

	@Test
	void startsNoThreadWithoutCalendarBudgets() {
		Budgets budgets = budgets(Clock.systemUTC(), BudgetWindow.rolling(Duration.ofHours(1)));
		BudgetWindowScheduler scheduler = new BudgetWindowScheduler(budgets);
		scheduler.start();
		assertThat(scheduler.isRunning()).isFalse();
		assertThat(budgets.untilNextWindow()).isNull();
	}

	/** The system clock, moved to run from a given instant on. */
	private static final class RunningClock extends Clock {

		private volatile Duration offset;

		RunningClock(Instant from) {
			runFrom(from);
		}

		void runFrom(Instant from) {
			this.offset = Duration.between(Instant.now(), from);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(this.offset);
		}

	}

	private Budgets budgets(Clock clock, BudgetWindow window) {
		return new Budgets(List.of(new Budget("daily", "support", 1.0, window, BudgetAction.BLOCK, 0.8)),
				new LocalBudgetStore(), new SimpleMeterRegistry(),
				(event) -> this.events.add((BudgetThresholdEvent) event), clock);
	}

}
