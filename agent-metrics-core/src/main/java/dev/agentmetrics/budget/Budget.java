package dev.agentmetrics.budget;

import org.springframework.util.Assert;

/**
 * A limit on what LLM calls may spend in a window of time: those of one agent, or of all
 * agents ({@value #ALL_AGENTS}).
 *
 * @param name the name, the {@code budget} tag of its meters
 * @param agent the agent it covers, or {@value #ALL_AGENTS} for every call
 * @param limitUsd the most its calls may spend in a window, in USD
 * @param window the window of time
 * @param action what a spent budget does to the calls it covers
 * @param warnAt the fraction of the limit past which it warns, between 0 and 1
 * @author agent-metrics
 */
public record Budget(String name, String agent, double limitUsd, BudgetWindow window, BudgetAction action,
		double warnAt) {

	/** The agent of a budget that covers every call. */
	public static final String ALL_AGENTS = "*";

	/**
	 * Create a budget, checking its values.
	 */
	public Budget {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(agent, "'agent' must not be empty");
		Assert.isTrue(limitUsd >= 0 && Double.isFinite(limitUsd), "'limitUsd' must be a non-negative number");
		Assert.notNull(window, "'window' must not be null");
		Assert.notNull(action, "'action' must not be null");
		Assert.isTrue(warnAt >= 0 && warnAt <= 1, "'warnAt' must be between 0 and 1");
	}

	/**
	 * Return whether this budget covers the calls of the given agent.
	 * @param agentName the agent
	 * @return whether its calls count toward this budget
	 */
	public boolean covers(String agentName) {
		return ALL_AGENTS.equals(this.agent) || this.agent.equals(agentName);
	}

}
