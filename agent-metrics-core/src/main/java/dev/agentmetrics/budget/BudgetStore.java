package dev.agentmetrics.budget;

import java.time.Duration;

/**
 * Where budgets keep their spend, by budget and slot of time: in the instance by default
 * ({@link LocalBudgetStore}), or shared by every instance of the application.
 *
 * @author agent-metrics
 */
public interface BudgetStore {

	/**
	 * Add spend to a slot of a budget.
	 * @param budget the budget's name
	 * @param slot the slot
	 * @param usd the spend, in USD
	 * @param retention how long the slot must be kept at least
	 */
	void add(String budget, long slot, double usd, Duration retention);

	/**
	 * Return the spend of a budget over a range of slots.
	 * @param budget the budget's name
	 * @param fromSlot the first slot, inclusive
	 * @param toSlot the last slot, inclusive
	 * @return the spend, in USD
	 */
	double sum(String budget, long fromSlot, long toSlot);

	/**
	 * Claim the publication of an event of a budget, so that of the instances sharing this
	 * store only one publishes it: the claim is won unless an instance claimed the same
	 * event of the budget in slot {@code since} or later. A store that only this instance
	 * uses, or that cannot be reached, lets every claim win: an event published twice is
	 * better than one lost.
	 * @param budget the budget's name
	 * @param event the event, such as {@code WARNING:day}
	 * @param since the first slot in which what the event tells may have happened
	 * @param slot the current slot, recorded as the claim's
	 * @param retention how long the claim must be kept at least
	 * @return whether this instance publishes the event
	 */
	default boolean claim(String budget, String event, long since, long slot, Duration retention) {
		return true;
	}

}
