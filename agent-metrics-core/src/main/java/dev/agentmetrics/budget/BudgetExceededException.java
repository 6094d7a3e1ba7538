package dev.agentmetrics.budget;

/**
 * Thrown instead of making an LLM call whose {@link BudgetAction#BLOCK blocking} budget is
 * spent; the call counts as an error of kind {@code budget_exceeded}.
 *
 * @author agent-metrics
 */
public class BudgetExceededException extends RuntimeException {

	private final String budget;

	private final double limitUsd;

	private final double spentUsd;

	/**
	 * Create an exception.
	 * @param budget the budget that is spent
	 * @param limitUsd its limit, in USD
	 * @param spentUsd what its window spent, in USD
	 * @param window its window
	 */
	public BudgetExceededException(String budget, double limitUsd, double spentUsd, BudgetWindow window) {
		this(budget, limitUsd, spentUsd, "Budget '" + budget + "' of " + limitUsd + " USD per " + window
				+ " is spent (" + spentUsd + " USD); the call was not made", null);
	}

	/**
	 * Create an exception for a budget whose spend cannot be read and that fails closed.
	 * @param budget the budget
	 * @param limitUsd its limit, in USD
	 * @param cause why its spend cannot be read
	 */
	public BudgetExceededException(String budget, double limitUsd, BudgetStoreUnavailableException cause) {
		this(budget, limitUsd, Double.NaN, "Budget '" + budget + "' cannot be read and fails closed ("
				+ cause.getMessage() + "); the call was not made", cause);
	}

	private BudgetExceededException(String budget, double limitUsd, double spentUsd, String message,
			Throwable cause) {
		super(message, cause);
		this.budget = budget;
		this.limitUsd = limitUsd;
		this.spentUsd = spentUsd;
	}

	/**
	 * Return the budget that is spent.
	 * @return its name
	 */
	public String getBudget() {
		return this.budget;
	}

	/**
	 * Return the budget's limit.
	 * @return the limit, in USD
	 */
	public double getLimitUsd() {
		return this.limitUsd;
	}

	/**
	 * Return what the budget's window spent when the call was refused.
	 * @return the spend, in USD, NaN when it could not be read
	 */
	public double getSpentUsd() {
		return this.spentUsd;
	}

}
