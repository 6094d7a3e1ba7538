package dev.agentmetrics.budget;

/**
 * Thrown by a {@link BudgetStore} that cannot tell a budget's spend and must not guess it
 * (a shared store set to fail closed): the budget's blocking calls are then refused.
 *
 * @author agent-metrics
 */
public class BudgetStoreUnavailableException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what cannot be reached
	 */
	public BudgetStoreUnavailableException(String message) {
		super(message);
	}

}
