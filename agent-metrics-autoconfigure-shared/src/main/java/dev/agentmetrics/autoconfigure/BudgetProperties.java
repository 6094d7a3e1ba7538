package dev.agentmetrics.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.agentmetrics.budget.Budget;
import dev.agentmetrics.budget.BudgetAction;
import dev.agentmetrics.budget.BudgetAdvisor;
import dev.agentmetrics.budget.BudgetWindow;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;

/**
 * Configuration of spend budgets: {@code agent-metrics.budgets.<name>.*} for each budget,
 * {@code agent-metrics.budget.*} for what they share.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics")
public class BudgetProperties {

	private static final String PREFIX = "agent-metrics.budgets.";

	/**
	 * Spend budgets by name: the most the calls of an agent, or of all agents, may spend in
	 * a window of time.
	 */
	private final Map<String, Spec> budgets = new LinkedHashMap<>();

	/**
	 * Settings shared by all budgets.
	 */
	private final Shared budget = new Shared();

	public Map<String, Spec> getBudgets() {
		return this.budgets;
	}

	public Shared getBudget() {
		return this.budget;
	}

	/**
	 * Return the configured budgets, checking their values.
	 * @return the budgets
	 * @throws InvalidAgentMetricsPropertyException naming the first invalid property
	 */
	List<Budget> toBudgets() {
		List<Budget> result = new ArrayList<>();
		this.budgets.forEach((name, spec) -> result.add(spec.toBudget(name, this.budget.getZone())));
		return result;
	}

	/**
	 * One budget.
	 */
	public static class Spec {

		/**
		 * Agent whose calls count toward the budget, or "*" for every call.
		 */
		private String agent = Budget.ALL_AGENTS;

		/**
		 * Most the calls may spend in a window, in USD.
		 */
		private Double limitUsd;

		/**
		 * Window of time: a rolling duration such as 1h or 30m, or "day" or "month", the
		 * calendar day or month in agent-metrics.budget.zone.
		 */
		private String window = "day";

		/**
		 * What a spent budget does: "record" (calls go ahead; meters and events tell) or
		 * "block" (calls fail before any request is sent).
		 */
		private String action = "record";

		/**
		 * Fraction of the limit, between 0 and 1, past which the budget publishes a
		 * warning event.
		 */
		private double warnAt = 0.8;

		public String getAgent() {
			return this.agent;
		}

		public void setAgent(String agent) {
			this.agent = agent;
		}

		public Double getLimitUsd() {
			return this.limitUsd;
		}

		public void setLimitUsd(Double limitUsd) {
			this.limitUsd = limitUsd;
		}

		public String getWindow() {
			return this.window;
		}

		public void setWindow(String window) {
			this.window = window;
		}

		public String getAction() {
			return this.action;
		}

		public void setAction(String action) {
			this.action = action;
		}

		public double getWarnAt() {
			return this.warnAt;
		}

		public void setWarnAt(double warnAt) {
			this.warnAt = warnAt;
		}

		Budget toBudget(String name, ZoneId zone) {
			String prefix = PREFIX + name + ".";
			if (this.agent == null || this.agent.isBlank()) {
				throw new InvalidAgentMetricsPropertyException(prefix + "agent", this.agent,
						"an agent name or \"*\" for every call");
			}
			if (this.limitUsd == null || !(this.limitUsd >= 0) || this.limitUsd.isInfinite()) {
				throw new InvalidAgentMetricsPropertyException(prefix + "limit-usd",
						(this.limitUsd != null) ? this.limitUsd : "(not set)", "a non-negative number of USD");
			}
			if (!(this.warnAt >= 0 && this.warnAt <= 1)) {
				throw new InvalidAgentMetricsPropertyException(prefix + "warn-at", this.warnAt,
						"a fraction of the limit between 0 and 1");
			}
			return new Budget(name, this.agent, this.limitUsd, window(prefix + "window", zone),
					action(prefix + "action"), this.warnAt);
		}

		private BudgetWindow window(String property, ZoneId zone) {
			String value = (this.window != null) ? this.window.trim().toLowerCase(Locale.ROOT) : "";
			if (value.equals("day")) {
				return BudgetWindow.day(zone);
			}
			if (value.equals("month")) {
				return BudgetWindow.month(zone);
			}
			String allowed = "\"day\", \"month\" or a duration of at least one second, such as 1h";
			Duration duration;
			try {
				duration = DurationStyle.detectAndParse(value);
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidAgentMetricsPropertyException(property, this.window, allowed);
			}
			if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new InvalidAgentMetricsPropertyException(property, this.window, allowed);
			}
			return BudgetWindow.rolling(duration);
		}

		private BudgetAction action(String property) {
			String value = (this.action != null) ? this.action.trim().toUpperCase(Locale.ROOT) : "";
			for (BudgetAction action : BudgetAction.values()) {
				if (action.name().equals(value)) {
					return action;
				}
			}
			throw new InvalidAgentMetricsPropertyException(property, this.action, "\"record\" or \"block\"");
		}

	}

	/**
	 * Settings shared by all budgets.
	 */
	public static class Shared {

		/**
		 * Time zone of the calendar windows ("day", "month").
		 */
		private ZoneId zone = ZoneId.of("UTC");

		/**
		 * Where budgets keep their spend: "local" (each instance its own) or "redis" (shared
		 * by every instance through the application's Redis, with Spring Data Redis).
		 */
		private Store store = Store.LOCAL;

		/**
		 * Whether blocking budgets refuse their calls while their shared store cannot be
		 * reached, rather than let them through, counting the spend last read from the
		 * store plus the instance's own since.
		 */
		private boolean failClosed;

		/**
		 * Order of the budget advisor in every ChatClient's advisor chain; lower is outer.
		 * It must be inside the metrics advisor for refused calls to be recorded.
		 */
		private int advisorOrder = BudgetAdvisor.DEFAULT_ORDER;

		/**
		 * Settings of the Redis store.
		 */
		private final Redis redis = new Redis();

		public ZoneId getZone() {
			return this.zone;
		}

		public void setZone(ZoneId zone) {
			this.zone = zone;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public boolean isFailClosed() {
			return this.failClosed;
		}

		public void setFailClosed(boolean failClosed) {
			this.failClosed = failClosed;
		}

		public int getAdvisorOrder() {
			return this.advisorOrder;
		}

		public void setAdvisorOrder(int advisorOrder) {
			this.advisorOrder = advisorOrder;
		}

		public Redis getRedis() {
			return this.redis;
		}

	}

	/**
	 * Where budgets keep their spend.
	 */
	public enum Store {

		/** In each instance. */
		LOCAL,

		/** In Redis, shared by every instance. */
		REDIS

	}

	/**
	 * Settings of the Redis store.
	 */
	public static class Redis {

		/**
		 * Prefix of the store's keys, one per budget and slot of time.
		 */
		private String keyPrefix = "agent-metrics:budget:";

		/**
		 * How long to keep spend in the instance after Redis failed before trying Redis
		 * again, so that an outage does not slow every LLM call by a connection timeout.
		 */
		private Duration retryAfter = Duration.ofSeconds(10);

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

		public Duration getRetryAfter() {
			return this.retryAfter;
		}

		public void setRetryAfter(Duration retryAfter) {
			this.retryAfter = retryAfter;
		}

	}

}
