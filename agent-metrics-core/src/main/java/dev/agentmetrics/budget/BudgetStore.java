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

}
