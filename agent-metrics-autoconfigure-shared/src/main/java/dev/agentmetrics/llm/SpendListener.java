package dev.agentmetrics.llm;

/**
 * Told what each ChatClient call billed, once its cost is known, such as the spend
 * budgets. Called on the thread that ends the call; it must be quick and must not throw.
 *
 * @author agent-metrics
 */
@FunctionalInterface
public interface SpendListener {

	/** A listener that does nothing. */
	SpendListener NONE = (agent, usd) -> {
	};

	/**
	 * Take what a call billed.
	 * @param agent the agent of the call
	 * @param usd its cost, in USD
	 */
	void spent(String agent, double usd);

}
