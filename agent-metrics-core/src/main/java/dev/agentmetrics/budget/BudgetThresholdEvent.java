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

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param budget the budget's name
	 * @param kind what happened
	 * @param spentUsd the window's spend, in USD
	 * @param limitUsd the budget's limit, in USD
	 */
	public BudgetThresholdEvent(Object source, String budget, Kind kind, double spentUsd, double limitUsd) {
		super(source);
		this.budget = budget;
		this.kind = kind;
		this.spentUsd = spentUsd;
		this.limitUsd = limitUsd;
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

	@Override
	public String toString() {
		return "BudgetThresholdEvent[budget=" + this.budget + ", kind=" + this.kind + ", spentUsd=" + this.spentUsd
				+ ", limitUsd=" + this.limitUsd + "]";
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
