package dev.agentmetrics.budget;

import org.springframework.context.ApplicationEvent;

/**
 * Published once per window when a budget's spend passes its warning fraction, when it
 * reaches its limit, and when a calendar window starts anew; a rolling window publishes
 * again once its spend fell back below the warning fraction and crosses it anew. Instances
 * that share a {@link BudgetStore} publish each of these once between them, not once each.
 *
 * @author agent-metrics
 */
public class BudgetThresholdEvent extends ApplicationEvent {

	private final String budget;

	private final Kind kind;

	private final double spentUsd;

	private final double limitUsd;

	private final double warnAt;

	private final double previousWindowSpentUsd;

	/**
	 * Create an event of a budget that warns at 80% of its limit, without the spend of the
	 * window before.
	 * @param source the publisher
	 * @param budget the budget's name
	 * @param kind what happened
	 * @param spentUsd the window's spend, in USD
	 * @param limitUsd the budget's limit, in USD
	 */
	public BudgetThresholdEvent(Object source, String budget, Kind kind, double spentUsd, double limitUsd) {
		this(source, budget, kind, spentUsd, limitUsd, 0.8, Double.NaN);
	}

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param budget the budget's name
	 * @param kind what happened
	 * @param spentUsd the window's spend, in USD
	 * @param limitUsd the budget's limit, in USD
	 * @param warnAt the fraction of the limit at which the budget warns
	 * @param previousWindowSpentUsd what the window before spent, in USD, for
	 * {@link Kind#WINDOW_STARTED}; NaN otherwise, or when the store could not tell
	 */
	public BudgetThresholdEvent(Object source, String budget, Kind kind, double spentUsd, double limitUsd,
			double warnAt, double previousWindowSpentUsd) {
		super(source);
		this.budget = budget;
		this.kind = kind;
		this.spentUsd = spentUsd;
		this.limitUsd = limitUsd;
		this.warnAt = warnAt;
		this.previousWindowSpentUsd = previousWindowSpentUsd;
	}

	/**
	 * Return the budget.
	 * @return its name
	 */
	public String getBudget() {
		return this.budget;
	}

	/**
	 * Return what happened.
	 * @return the kind of event
	 */
	public Kind getKind() {
		return this.kind;
	}

	/**
	 * Return the window's spend.
	 * @return the spend, in USD
	 */
	public double getSpentUsd() {
		return this.spentUsd;
	}

	/**
	 * Return the budget's limit.
	 * @return the limit, in USD
	 */
	public double getLimitUsd() {
		return this.limitUsd;
	}

	/**
	 * Return the fraction of the limit at which the budget warns.
	 * @return the fraction
	 */
	public double getWarnAt() {
		return this.warnAt;
	}

	/**
	 * Return what the window before a {@link Kind#WINDOW_STARTED new window} spent.
	 * @return the spend, in USD, NaN for other events or when the store could not tell
	 */
	public double getPreviousWindowSpentUsd() {
		return this.previousWindowSpentUsd;
	}

	/**
	 * Return whether this event starts a window after one whose spend passed the budget's
	 * warning fraction: the end of what a {@link Kind#WARNING} or {@link Kind#EXHAUSTED}
	 * event told.
	 * @return whether the window before passed the warning fraction
	 */
	public boolean endsAWindowThatWarned() {
		return this.kind == Kind.WINDOW_STARTED && this.previousWindowSpentUsd >= this.limitUsd * this.warnAt;
	}

	@Override
	public String toString() {
		return "BudgetThresholdEvent[budget=" + this.budget + ", kind=" + this.kind + ", spentUsd=" + this.spentUsd
				+ ", limitUsd=" + this.limitUsd + ", warnAt=" + this.warnAt + ", previousWindowSpentUsd="
				+ this.previousWindowSpentUsd + "]";
	}

	/**
	 * What a budget's spend did.
	 */
	public enum Kind {

		/** The spend passed the budget's warning fraction. */
		WARNING,

		/** The spend reached the limit. */
		EXHAUSTED,

		/** A calendar window started: the spend is back to zero. */
		WINDOW_STARTED

	}

}
