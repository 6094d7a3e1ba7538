package dev.agentmetrics.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.support.FailOpenLogger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;

/**
 * The application's spend budgets: refuses the calls of an agent whose blocking budget is
 * spent, adds what each call billed to every budget that covers it, publishes
 * {@link BudgetThresholdEvent}s and serves the budgets' meters.
 *
 * <p>
 * A problem of the store is logged once and never fails a call: a budget that cannot be
 * read lets calls through. Instances that share a store publish each event once: the one
 * that wins its {@link BudgetStore#claim claim}.
 *
 * @author agent-metrics
 */
public class Budgets {

	private static final FailOpenLogger logger = new FailOpenLogger(Budgets.class);

	private final List<Tracked> budgets;

	private final BudgetStore store;

	private final Clock clock;

	@Nullable
	private final ApplicationEventPublisher events;

	/**
	 * Create the budgets.
	 * @param budgets the budgets
	 * @param store where their spend is kept
	 * @param registry the registry of their meters
	 * @param events the publisher of their events, if any
	 * @param clock the clock that places spend in windows
	 */
	public Budgets(List<Budget> budgets, BudgetStore store, MeterRegistry registry,
			@Nullable ApplicationEventPublisher events, Clock clock) {
		this.store = store;
		this.clock = clock;
		this.events = events;
		this.budgets = budgets.stream().map((budget) -> new Tracked(budget, registry)).toList();
	}

	/**
	 * Refuse a call of the given agent when a blocking budget that covers it is spent.
	 * @param agent the agent of the call
	 * @throws BudgetExceededException when a blocking budget is spent
	 */
	public void check(String agent) {
		long now = this.clock.millis();
		for (Tracked tracked : this.budgets) {
			Budget budget = tracked.budget;
			if (budget.action() == BudgetAction.BLOCK && budget.covers(agent)) {
				double spent;
				try {
					spent = tracked.spentOrUnavailable(now);
				}
				catch (BudgetStoreUnavailableException ex) {
					tracked.rejections.increment();
					throw new BudgetExceededException(budget.name(), budget.limitUsd(), ex);
				}
				if (spent >= budget.limitUsd()) {
					tracked.rejections.increment();
					throw new BudgetExceededException(budget.name(), budget.limitUsd(), spent, budget.window());
				}
			}
		}
	}

	/**
	 * Add what a call of the given agent billed to every budget that covers it.
	 * @param agent the agent of the call
	 * @param usd what it cost, in USD
	 */
	public void spend(String agent, double usd) {
		if (!(usd > 0)) {
			return;
		}
		long now = this.clock.millis();
		for (Tracked tracked : this.budgets) {
			if (tracked.budget.covers(agent)) {
				try {
					long slot = tracked.slot(now);
					this.store.add(tracked.budget.name(), slot, usd, tracked.budget.window().retention());
					tracked.thresholds(slot, tracked.spent(now));
				}
				catch (Throwable ex) {
					logger.warnOnce("budget-store:" + tracked.budget.name(), "agent-metrics could not add spend to "
							+ "budget '" + tracked.budget.name() + "'; its calls go ahead meanwhile: " + ex);
				}
			}
		}
	}

	/**
	 * Return what the current window of a budget spent.
	 * @param name the budget's name
	 * @return the spend, in USD, 0 for an unknown budget, NaN when the store cannot tell
	 */
	public double spent(String name) {
		long now = this.clock.millis();
		for (Tracked tracked : this.budgets) {
			if (tracked.budget.name().equals(name)) {
				return tracked.spent(now);
			}
		}
		return 0;
	}

	/**
	 * Return the budgets.
	 * @return the budgets, in the order they were given
	 */
	public List<Budget> budgets() {
		return this.budgets.stream().map((tracked) -> tracked.budget).toList();
	}

	/**
	 * Publish {@link BudgetThresholdEvent.Kind#WINDOW_STARTED} for each calendar budget
	 * whose window started since this instance last looked, once per window. A
	 * {@link BudgetWindowScheduler} calls it as windows start, so that the event does not
	 * wait for the first call of the new window; that call would publish it otherwise.
	 * @return how long from the time it looked until the next calendar window starts, for
	 * the caller to come back then (a moment if it looked a moment early), or {@code null}
	 * when no budget has a calendar window
	 */
	@Nullable
	public Duration startWindows() {
		Instant now = this.clock.instant();
		for (Tracked tracked : this.budgets) {
			if (tracked.budget.window().isCalendar()) {
				tracked.slot(now.toEpochMilli());
			}
		}
		return untilNextWindow(now);
	}

	/**
	 * Return how long until the next calendar window of these budgets starts.
	 * @return the time, or {@code null} when no budget has a calendar window
	 */
	@Nullable
	public Duration untilNextWindow() {
		return untilNextWindow(this.clock.instant());
	}

	@Nullable
	private Duration untilNextWindow(Instant now) {
		Instant next = null;
		for (Tracked tracked : this.budgets) {
			if (tracked.budget.window().isCalendar()) {
				Instant start = tracked.budget.window().nextStart(now);
				next = (next == null || start.isBefore(next)) ? start : next;
			}
		}
		return (next != null) ? Duration.between(now, next) : null;
	}

	/**
	 * Publish an event of a budget when this instance wins its claim in the store, so that
	 * instances sharing a store publish it once; a claim that fails publishes.
	 */
	private void publish(Budget budget, BudgetThresholdEvent.Kind kind, long since, long slot, double spent,
			double previousWindowSpent) {
		if (this.events == null) {
			return;
		}
		// Slots of different windows do not compare: a budget whose window was changed
		// claims its events anew.
		String event = kind.name() + ":" + budget.window();
		boolean won;
		try {
			won = this.store.claim(budget.name(), event, since, slot, budget.window().retention());
		}
		catch (Throwable ex) {
			logger.warnOnce("budget-claim:" + budget.name(), "agent-metrics could not claim the events of budget '"
					+ budget.name() + "'; this instance publishes them: " + ex);
			won = true;
		}
		if (won) {
			this.events.publishEvent(new BudgetThresholdEvent(this, budget.name(), kind, spent, budget.limitUsd(),
					budget.warnAt(), previousWindowSpent));
		}
	}

	/** A budget, its meters, and the events of its current window already published. */
	private final class Tracked {

		final Budget budget;

		final Counter rejections;

		// The window (a calendar window's slot, or 0 for a rolling one) whose warning and
		// exhaustion were published; a rolling window publishes again once its spend fell
		// back below the threshold.
		private volatile long window;

		private boolean warned;

		private boolean exhausted;

		// The slot in which this instance last saw a rolling window's spend below the
		// warning threshold: a crossing it sees now happened in that slot or later.
		private long belowSince = Long.MIN_VALUE;

		Tracked(Budget budget, MeterRegistry registry) {
			this.budget = budget;
			this.window = budget.window().isCalendar() ? budget.window().slot(Budgets.this.clock.millis()) : 0;
			this.rejections = AgentMeters.BUDGET_REJECTIONS.counter(budget.name()).register(registry);
			AgentMeters.BUDGET_LIMIT.gauge(budget, Budget::limitUsd, budget.name()).register(registry);
			AgentMeters.BUDGET_SPEND.gauge(this, (tracked) -> tracked.spentNow(), budget.name()).register(registry);
			AgentMeters.BUDGET_REMAINING
				.gauge(this, (tracked) -> Math.max(0, budget.limitUsd() - tracked.spentNow()), budget.name())
				.register(registry);
		}

		/** The spend, NaN when the store cannot tell, unless the store fails closed. */
		double spentOrUnavailable(long now) {
			try {
				long slot = slot(now);
				return Budgets.this.store.sum(this.budget.name(), this.budget.window().firstSlot(slot), slot);
			}
			catch (BudgetStoreUnavailableException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				logger.warnOnce("budget-store:" + this.budget.name(), "agent-metrics could not read the spend of "
						+ "budget '" + this.budget.name() + "'; its calls go ahead meanwhile: " + ex);
				return Double.NaN;
			}
		}

		/** The spend, NaN when the store cannot tell. */
		double spent(long now) {
			try {
				return spentOrUnavailable(now);
			}
			catch (BudgetStoreUnavailableException ex) {
				return Double.NaN;
			}
		}

		private double spentNow() {
			return spent(Budgets.this.clock.millis());
		}

		/**
		 * Start the calendar window of the given slot if it is later than the one seen
		 * last, publishing that it started; an earlier one, from a clock set back, is
		 * ignored.
		 */
		synchronized void rollOver(long slot) {
			if (slot > this.window) {
				this.window = slot;
				this.warned = false;
				this.exhausted = false;
				publish(this.budget, BudgetThresholdEvent.Kind.WINDOW_STARTED, slot, slot, 0, previousWindowSpent(slot));
			}
		}

		/** What the calendar window before the one of the given slot spent, NaN if unknown. */
		private double previousWindowSpent(long slot) {
			try {
				long previous = this.budget.window().slot(slot - 1);
				return Budgets.this.store.sum(this.budget.name(), previous, previous);
			}
			catch (Throwable ex) {
				return Double.NaN;
			}
		}

		/**
		 * Return the slot of the given time, starting its calendar window first if it is
		 * new: before the new window's spend is read, which lets a store forget the window
		 * before.
		 */
		long slot(long now) {
			long slot = this.budget.window().slot(now);
			if (slot > this.window && this.budget.window().isCalendar()) {
				rollOver(slot);
			}
			return slot;
		}

		/**
		 * Publish what the spend seen after adding to the given slot crossed. Of the
		 * instances sharing a store, the one that wins the claim publishes. A calendar
		 * window claims from its own slot on: once per window. A rolling window has no
		 * window to name; rounding the slot of the crossing to the window's length would
		 * alert twice for one crossing that two instances see on either side of a rounding
		 * boundary, and not at all for a new crossing within one rounded period. So it
		 * claims from the slot in which this instance last saw the spend below the warning
		 * threshold: a claim made in that slot or later is of the same crossing (within a
		 * slot the spend only grows, so falling back below and crossing again takes a later
		 * slot), an older claim is of a crossing that ended since.
		 */
		synchronized void thresholds(long slot, double spent) {
			// A calendar window's start was published by slot(now), before its spend was read.
			boolean calendar = this.budget.window().isCalendar();
			double limit = this.budget.limitUsd();
			if (!calendar && spent < limit * this.budget.warnAt()) {
				this.warned = false;
				this.exhausted = false;
				this.belowSince = slot;
			}
			long since = calendar ? slot : this.belowSince;
			if (!this.warned && spent >= limit * this.budget.warnAt() && spent < limit) {
				this.warned = true;
				publish(this.budget, BudgetThresholdEvent.Kind.WARNING, since, slot, spent, Double.NaN);
			}
			if (!this.exhausted && spent >= limit) {
				this.warned = true;
				this.exhausted = true;
				publish(this.budget, BudgetThresholdEvent.Kind.EXHAUSTED, since, slot, spent, Double.NaN);
			}
		}

	}

}
