package dev.agentmetrics.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.test.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.within;

class BudgetsTests {

	private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<BudgetThresholdEvent> events = new CopyOnWriteArrayList<>();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));

	@Test
	void blockingBudgetRefusesTheCallsOfItsAgentOnceSpent() {
		Budgets budgets = budgets(new Budget("support-daily", "support", 1.00, BudgetWindow.day(ZONE),
				BudgetAction.BLOCK, 0.8));
		budgets.spend("support", 0.60);
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
		budgets.spend("support", 0.40);
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"))
			.satisfies((ex) -> {
				assertThat(ex.getBudget()).isEqualTo("support-daily");
				assertThat(ex.getLimitUsd()).isEqualTo(1.00);
				assertThat(ex.getSpentUsd()).isCloseTo(1.00, within(1e-12));
			})
			.withMessage("Budget 'support-daily' of 1.0 USD per day is spent (1.0 USD); the call was not made");
		// Other agents are not covered.
		assertThatNoException().isThrownBy(() -> budgets.check("billing"));
		assertThat(this.registry.get("agent.budget.rejections").tag("budget", "support-daily").counter().count())
			.isOne();
	}

	@Test
	void recordingBudgetLetsCallsThroughAndSaysItIsSpent() {
		Budgets budgets = budgets(new Budget("all", Budget.ALL_AGENTS, 1.00, BudgetWindow.day(ZONE),
				BudgetAction.RECORD, 0.8));
		budgets.spend("support", 0.90);
		budgets.spend("billing", 0.30);
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
		assertThat(gauge("agent.budget.spend", "all")).isCloseTo(1.20, within(1e-12));
		assertThat(gauge("agent.budget.limit", "all")).isEqualTo(1.00);
		assertThat(gauge("agent.budget.remaining", "all")).isZero();
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.EXHAUSTED);
	}

	@Test
	void theTightestOfTheBudgetsOfACallDecides() {
		Budgets budgets = budgets(
				new Budget("global", Budget.ALL_AGENTS, 10.00, BudgetWindow.day(ZONE), BudgetAction.BLOCK, 0.8),
				new Budget("support", "support", 0.50, BudgetWindow.day(ZONE), BudgetAction.BLOCK, 0.8));
		budgets.spend("support", 0.50);
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"))
			.satisfies((ex) -> assertThat(ex.getBudget()).isEqualTo("support"));
		assertThatNoException().isThrownBy(() -> budgets.check("billing"));
		assertThat(budgets.spent("global")).isEqualTo(0.50);
	}

	@Test
	void calendarDayStartsAnewAtMidnightInItsZoneWithOneEventEach() {
		Budgets budgets = budgets(new Budget("daily", "support", 1.00, BudgetWindow.day(ZONE), BudgetAction.BLOCK,
				0.5));
		this.clock.set(Instant.parse("2026-11-29T22:30:00Z")); // 23:30 in Berlin
		budgets.spend("support", 0.60);
		budgets.spend("support", 0.10);
		budgets.spend("support", 0.30);
		budgets.spend("support", 0.30);
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"));
		this.clock.set(Instant.parse("2026-11-29T23:00:00Z")); // midnight in Berlin
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
		assertThat(gauge("agent.budget.spend", "daily")).isZero();
		budgets.spend("support", 0.20);
		assertThat(gauge("agent.budget.remaining", "daily")).isCloseTo(0.80, within(1e-12));
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.EXHAUSTED,
					BudgetThresholdEvent.Kind.WINDOW_STARTED);
		// The new window was started by the check, before it read the new window's spend.
		assertThat(this.events.get(2).getPreviousWindowSpentUsd()).isCloseTo(1.30, within(1e-12));
		assertThat(this.events.get(2).endsAWindowThatWarned()).isTrue();
		assertThat(this.events.get(0).getPreviousWindowSpentUsd()).isNaN();
	}

	@Test
	void eachCalendarWindowStartsOnceWhetherTheSchedulerOrACallSeesItFirst() {
		Budgets budgets = budgets(
				new Budget("daily", "support", 1.00, BudgetWindow.day(ZONE), BudgetAction.BLOCK, 0.8),
				new Budget("monthly", "support", 20.00, BudgetWindow.month(ZONE), BudgetAction.BLOCK, 0.8),
				new Budget("hourly", "support", 1.00, BudgetWindow.rolling(Duration.ofHours(1)), BudgetAction.BLOCK,
						0.8));
		this.clock.set(Instant.parse("2026-11-29T22:59:59Z")); // 23:59:59 in Berlin
		assertThat(budgets.startWindows()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.events).isEmpty();
		assertThat(budgets.untilNextWindow()).isEqualTo(Duration.ofSeconds(1));
		// Looked half a millisecond early: come back in half a millisecond, not a day.
		this.clock.set(Instant.parse("2026-11-29T22:59:59.9995Z"));
		assertThat(budgets.startWindows()).isEqualTo(Duration.ofNanos(500_000));
		assertThat(this.events).isEmpty();
		this.clock.set(Instant.parse("2026-11-29T23:00:00Z")); // November 30th starts
		budgets.startWindows();
		budgets.spend("support", 0.10);
		budgets.startWindows();
		assertThat(this.events).extracting(BudgetThresholdEvent::getBudget).containsExactly("daily");
		assertThat(budgets.untilNextWindow()).isEqualTo(Duration.ofDays(1));
		this.clock.set(Instant.parse("2026-11-30T23:00:00Z")); // December 1st: a call sees it first
		budgets.spend("support", 0.10);
		budgets.startWindows();
		this.clock.set(Instant.parse("2026-11-30T22:00:00Z")); // a clock set back
		budgets.startWindows();
		assertThat(this.events).extracting(BudgetThresholdEvent::getBudget)
			.containsExactly("daily", "daily", "monthly");
		// November 29th spent nothing, November 30th 0.10, and so November.
		assertThat(this.events).extracting(BudgetThresholdEvent::getPreviousWindowSpentUsd)
			.containsExactly(0.0, 0.10, 0.10);
		assertThat(this.events).noneMatch(BudgetThresholdEvent::endsAWindowThatWarned);
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsOnly(BudgetThresholdEvent.Kind.WINDOW_STARTED);
	}

	@Test
	void monthStartsOnTheFirst() {
		Budgets budgets = budgets(new Budget("monthly", "support", 5.00, BudgetWindow.month(ZoneOffset.UTC),
				BudgetAction.BLOCK, 0.8));
		this.clock.set(Instant.parse("2026-11-30T23:59:59Z"));
		budgets.spend("support", 5.00);
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"));
		this.clock.set(Instant.parse("2026-12-01T00:00:00Z"));
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
	}

	@Test
	void rollingWindowForgetsSpendOlderThanItsDuration() {
		Budgets budgets = budgets(new Budget("hourly", "support", 1.00, BudgetWindow.rolling(Duration.ofHours(1)),
				BudgetAction.BLOCK, 0.8));
		budgets.spend("support", 0.70);
		this.clock.advance(Duration.ofMinutes(30));
		budgets.spend("support", 0.30);
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(() -> budgets.check("support"));
		this.clock.advance(Duration.ofMinutes(31));
		assertThat(budgets.spent("hourly")).isCloseTo(0.30, within(1e-12));
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
		this.clock.advance(Duration.ofMinutes(30));
		assertThat(budgets.spent("hourly")).isZero();
	}

	@Test
	void aStoreThatFailsLetsCallsThrough() {
		BudgetStore broken = new BudgetStore() {

			@Override
			public void add(String budget, long slot, double usd, Duration retention) {
				throw new IllegalStateException("store down");
			}

			@Override
			public double sum(String budget, long fromSlot, long toSlot) {
				throw new IllegalStateException("store down");
			}

		};
		Budgets budgets = new Budgets(List.of(new Budget("daily", "support", 0.0, BudgetWindow.day(ZONE),
				BudgetAction.BLOCK, 0.8)), broken, this.registry, (event) -> { }, this.clock);
		assertThatNoException().isThrownBy(() -> budgets.spend("support", 1.0));
		assertThatNoException().isThrownBy(() -> budgets.check("support"));
	}

	@Test
	void instancesSharingAStorePublishEachEventOfAWindowOnce() {
		ClaimingStore store = new ClaimingStore();
		List<BudgetThresholdEvent> others = new CopyOnWriteArrayList<>();
		Budget budget = new Budget("daily", Budget.ALL_AGENTS, 1.00, BudgetWindow.day(ZONE), BudgetAction.RECORD,
				0.5);
		Budgets one = budgets(store, this.events, budget);
		Budgets other = budgets(store, others, budget);
		one.spend("support", 0.40);
		other.spend("support", 0.20);
		one.spend("support", 0.10);
		one.spend("support", 0.35);
		other.spend("support", 0.10);
		this.clock.set(Instant.parse("2026-11-29T23:00:00Z")); // midnight in Berlin
		other.spend("support", 0.10);
		one.spend("support", 0.10);
		assertThat(others).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.WINDOW_STARTED);
		assertThat(others.get(0).getSpentUsd()).isCloseTo(0.60, within(1e-12));
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.EXHAUSTED);
		assertThat(this.events.get(0).getSpentUsd()).isCloseTo(1.05, within(1e-12));
	}

	@Test
	void rollingWindowWarnsAgainAfterItsSpendFellBackButOnceForInstancesSharingAStore() {
		ClaimingStore store = new ClaimingStore();
		List<BudgetThresholdEvent> others = new CopyOnWriteArrayList<>();
		Budget budget = new Budget("hourly", Budget.ALL_AGENTS, 1.00, BudgetWindow.rolling(Duration.ofHours(1)),
				BudgetAction.RECORD, 0.5);
		Budgets one = budgets(store, this.events, budget);
		Budgets other = budgets(store, others, budget);
		// Keys rounded to the hour would alert twice for the first crossing (seen in two
		// hours) and miss the second (in the hour of the first's second sight).
		this.clock.set(Instant.parse("2026-11-29T10:30:00Z"));
		one.spend("support", 0.45);
		this.clock.set(Instant.parse("2026-11-29T10:59:00Z"));
		one.spend("support", 0.10);
		this.clock.set(Instant.parse("2026-11-29T11:01:00Z"));
		other.spend("support", 0.05);
		// The 0.45 has left the window: both instances see the spend below the threshold.
		this.clock.set(Instant.parse("2026-11-29T11:31:00Z"));
		one.spend("support", 0.05);
		other.spend("support", 0.05);
		this.clock.set(Instant.parse("2026-11-29T11:40:00Z"));
		one.spend("support", 0.30);
		other.spend("support", 0.05);
		other.spend("support", 0.50);
		one.spend("support", 0.10);
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING, BudgetThresholdEvent.Kind.WARNING);
		assertThat(this.events).extracting(BudgetThresholdEvent::getSpentUsd)
			.satisfiesExactly((spent) -> assertThat(spent).isCloseTo(0.55, within(1e-12)),
					(spent) -> assertThat(spent).isCloseTo(0.55, within(1e-12)));
		assertThat(others).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.EXHAUSTED);
		assertThat(others.get(0).getSpentUsd()).isCloseTo(1.10, within(1e-12));
	}

	@Test
	void aClaimThatFailsPublishesTheEvent() {
		BudgetStore store = new LocalBudgetStore() {

			@Override
			public boolean claim(String budget, String event, long since, long slot, Duration retention) {
				throw new IllegalStateException("store down");
			}

		};
		Budgets budgets = budgets(store, this.events,
				new Budget("daily", "support", 1.00, BudgetWindow.day(ZONE), BudgetAction.RECORD, 0.8));
		budgets.spend("support", 0.90);
		assertThat(this.events).extracting(BudgetThresholdEvent::getKind)
			.containsExactly(BudgetThresholdEvent.Kind.WARNING);
	}

	private Budgets budgets(BudgetStore store, List<BudgetThresholdEvent> events, Budget... budgets) {
		return new Budgets(List.of(budgets), store, this.registry, (event) -> events.add((BudgetThresholdEvent) event),
				this.clock);
	}

	private Budgets budgets(Budget... budgets) {
		return new Budgets(List.of(budgets), new LocalBudgetStore(), this.registry,
				(event) -> this.events.add((BudgetThresholdEvent) event), this.clock);
	}

	private double gauge(String name, String budget) {
		return this.registry.get(name).tag("budget", budget).gauge().value();
	}

	/**
	 * A store in memory whose claims behave as a shared store's: one wins per event until
	 * a claim names a later slot than the last one won.
	 */
	private static final class ClaimingStore extends LocalBudgetStore {

		private final Map<String, Long> claims = new ConcurrentHashMap<>();

		@Override
		public synchronized boolean claim(String budget, String event, long since, long slot, Duration retention) {
			Long claimed = this.claims.get(budget + ":" + event);
			if (claimed != null && claimed >= since) {
				return false;
			}
			this.claims.put(budget + ":" + event, slot);
			return true;
		}

	}

}
