package dev.agentmetrics.budget;

/**
 * What a spent budget does to the calls it covers.
 *
 * @author agent-metrics
 */
public enum BudgetAction {

	/** Calls go ahead; the meters and events say the budget is spent. */
	RECORD,

	/** Calls fail before any request is sent to the provider. */
	BLOCK

}
