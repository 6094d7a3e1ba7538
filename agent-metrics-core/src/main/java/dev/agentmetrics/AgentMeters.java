package dev.agentmetrics;

import java.util.function.ToDoubleFunction;

import io.micrometer.common.docs.KeyName;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.docs.MeterDocumentation;

import org.springframework.lang.Nullable;

/**
 * The catalogue of the meters agent-metrics registers: name, type, base unit, tag keys and
 * description of each. Every meter is built from its entry, with its tag values in the
 * order of {@link #getKeyNames()}, so that code, README and dashboards agree.
 *
 * @author agent-metrics
 */
public enum AgentMeters implements MeterDocumentation {

	/** ChatClient calls, blocking or streaming, with their latency. */
	LLM_REQUESTS("agent.llm.requests", Meter.Type.TIMER, null, "ChatClient calls, by outcome", AgentTag.AGENT,
			AgentTag.PROVIDER, AgentTag.MODEL, AgentTag.OUTCOME, AgentTag.ERROR, AgentTag.STREAM),

	/** Tokens the provider billed, by {@link AgentTag#TYPE type}. */
	LLM_TOKENS("agent.llm.tokens", Meter.Type.COUNTER, "tokens",
			"Tokens the provider billed; input includes cache_read and cache_write, output includes reasoning",
			AgentTag.AGENT, AgentTag.PROVIDER, AgentTag.MODEL, AgentTag.TYPE),

	/** Cost of LLM calls from the price table. */
	LLM_COST("agent.llm.cost", Meter.Type.COUNTER, "usd", "Cost of LLM calls from the price table", AgentTag.AGENT,
			AgentTag.PROVIDER, AgentTag.MODEL),

	/**
	 * Billed requests that reported usage (each round of a tool loop), by prompt-cache
	 * {@link AgentTag#RESULT result}.
	 */
	LLM_PROMPT_CACHE("agent.llm.prompt.cache", Meter.Type.COUNTER, null,
			"Billed LLM requests that reported usage, by whether they read from the prompt cache", AgentTag.AGENT,
			AgentTag.PROVIDER, AgentTag.MODEL, AgentTag.RESULT),

	/** Calls whose model has no price. */
	LLM_UNPRICED_CALLS("agent.llm.unpriced.calls", Meter.Type.COUNTER, "calls",
			"LLM calls whose model has no price, so no cost was recorded", AgentTag.MODEL),

	/** Time from the start of a streaming call to its first content chunk. */
	LLM_TIME_TO_FIRST_TOKEN("agent.llm.time.to.first.token", Meter.Type.TIMER, null,
			"Time from the start of a streaming call to its first content", AgentTag.AGENT, AgentTag.PROVIDER,
			AgentTag.MODEL),

	/** Retries of LLM requests inside ChatClient calls, by the failure that caused them. */
	LLM_RETRIES("agent.llm.retries", Meter.Type.COUNTER, null,
			"Retries of LLM requests, by the failure that caused them; failed attempts are not billed", AgentTag.AGENT,
			AgentTag.PROVIDER, AgentTag.ERROR),

	/** Models the effective price table prices, by the {@link AgentTag#SOURCE source} of each price. */
	PRICING_MODELS("agent.pricing.models", Meter.Type.GAUGE, "models",
			"Models priced by the price table, by the source whose price is used: configured, file or builtin",
			AgentTag.SOURCE),

	/**
	 * When the prices of each {@link AgentTag#SOURCE source} were current: the date of the
	 * built-in prices, the last successful load of the price file.
	 */
	PRICING_AS_OF("agent.pricing.as.of.timestamp", Meter.Type.GAUGE, "seconds",
			"When the prices of a source were current, in seconds since the epoch: builtin the date they were "
					+ "taken, file its last successful load",
			AgentTag.SOURCE),

	/** Errors, by {@link AgentTag#SOURCE source} and {@link AgentTag#KIND kind}. */
	ERRORS("agent.errors", Meter.Type.COUNTER, null, "Errors of agents, by where they happened and their kind",
			AgentTag.AGENT, AgentTag.SOURCE, AgentTag.KIND),

	/** Agent runs, with their duration. */
	RUNS("agent.runs", Meter.Type.TIMER, null, "Agent runs, by outcome", AgentTag.AGENT, AgentTag.OUTCOME,
			AgentTag.ERROR),

	/** Runs going on now. */
	RUNS_ACTIVE("agent.runs.active", Meter.Type.GAUGE, null, "Agent runs going on now", AgentTag.AGENT),

	/**
	 * Cost of each run, in {@link #MICRO_USD micro-USD}: a distribution summary places a
	 * value in its buckets rounded up to a whole number, so USD would put every run under 1
	 * USD into one bucket.
	 */
	RUN_COST("agent.run.cost", Meter.Type.DISTRIBUTION_SUMMARY, AgentMeters.MICRO_USD,
			"Cost of each agent run: the sum of its LLM calls, in micro-USD", AgentTag.AGENT),

	/** LLM calls of each run. */
	RUN_LLM_CALLS("agent.run.llm.calls", Meter.Type.DISTRIBUTION_SUMMARY, null, "LLM calls of each agent run",
			AgentTag.AGENT),

	/** Tool calls of each run. */
	RUN_TOOL_CALLS("agent.run.tool.calls", Meter.Type.DISTRIBUTION_SUMMARY, null, "Tool calls of each agent run",
			AgentTag.AGENT),

	/** Tool calls Spring AI executes, with their latency. */
	TOOL_CALLS("agent.tool.calls", Meter.Type.TIMER, null, "Tool calls, by outcome", AgentTag.AGENT, AgentTag.TOOL,
			AgentTag.OUTCOME, AgentTag.ERROR),

	/** Detected tool loops. */
	TOOL_LOOPS("agent.tool.loops", Meter.Type.COUNTER, null,
			"Tool loops: the same tool called with the same arguments too often", AgentTag.AGENT, AgentTag.TOOL),

	/** State of every circuit breaker. */
	CIRCUIT_BREAKER_STATE("agent.circuit.breaker.state", Meter.Type.GAUGE, null,
			"State of the circuit breaker: 0 closed, 1 open, 2 half_open, 3 forced_open, 4 disabled, 5 metrics_only",
			AgentTag.NAME),

	/** Circuit-breaker state transitions. */
	CIRCUIT_BREAKER_TRANSITIONS("agent.circuit.breaker.transitions", Meter.Type.COUNTER, null,
			"State transitions of circuit breakers", AgentTag.NAME, AgentTag.FROM, AgentTag.TO),

	/** What each budget's current window spent. */
	BUDGET_SPEND("agent.budget.spend", Meter.Type.GAUGE, "usd", "Spend of the budget's current window",
			AgentTag.BUDGET),

	/** The limit of each budget. */
	BUDGET_LIMIT("agent.budget.limit", Meter.Type.GAUGE, "usd", "Limit of the budget per window", AgentTag.BUDGET),

	/** What each budget's current window may still spend. */
	BUDGET_REMAINING("agent.budget.remaining", Meter.Type.GAUGE, "usd",
			"What the budget's current window may still spend, 0 once spent", AgentTag.BUDGET),

	/** LLM calls refused because their budget was spent. */
	BUDGET_REJECTIONS("agent.budget.rejections", Meter.Type.COUNTER, null,
			"LLM calls refused, before any request, because a blocking budget was spent", AgentTag.BUDGET),

	/** Alerts a webhook accepted. */
	ALERTS_DELIVERED("agent.alerts.delivered", Meter.Type.COUNTER, null, "Alerts the webhook accepted"),

	/** Alerts that never reached the webhook. */
	ALERTS_DROPPED("agent.alerts.dropped", Meter.Type.COUNTER, null,
			"Alerts dropped: the queue was full, or the webhook did not accept them in time", AgentTag.REASON);

	/** Base unit of {@link #RUN_COST}: millionths of a US dollar. */
	public static final String MICRO_USD = "microusd";

	/** Micro-USD in one USD. */
	public static final double MICRO_USD_PER_USD = 1_000_000;

	private final String name;

	private final Meter.Type type;

	@Nullable
	private final String baseUnit;

	private final String description;

	private final AgentTag[] keyNames;

	AgentMeters(String name, Meter.Type type, @Nullable String baseUnit, String description, AgentTag... keyNames) {
		this.name = name;
		this.type = type;
		this.baseUnit = baseUnit;
		this.description = description;
		this.keyNames = keyNames;
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public Meter.Type getType() {
		return this.type;
	}

	@Override
	@Nullable
	public String getBaseUnit() {
		return this.baseUnit;
	}

	@Override
	public KeyName[] getKeyNames() {
		return this.keyNames.clone();
	}

	/**
	 * Return the description of this meter.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return a builder of this timer with the given tag values.
	 * @param tagValues a value for each of {@link #getKeyNames()}, in order
	 * @return the builder
	 */
	public Timer.Builder timer(String... tagValues) {
		return Timer.builder(this.name).description(this.description).tags(tags(Meter.Type.TIMER, tagValues));
	}

	/**
	 * Return a builder of this counter with the given tag values.
	 * @param tagValues a value for each of {@link #getKeyNames()}, in order
	 * @return the builder
	 */
	public Counter.Builder counter(String... tagValues) {
		return Counter.builder(this.name)
			.description(this.description)
			.baseUnit(this.baseUnit)
			.tags(tags(Meter.Type.COUNTER, tagValues));
	}

	/**
	 * Return a builder of this distribution summary with the given tag values.
	 * @param tagValues a value for each of {@link #getKeyNames()}, in order
	 * @return the builder
	 */
	public DistributionSummary.Builder summary(String... tagValues) {
		return DistributionSummary.builder(this.name)
			.description(this.description)
			.baseUnit(this.baseUnit)
			.tags(tags(Meter.Type.DISTRIBUTION_SUMMARY, tagValues));
	}

	/**
	 * Return a builder of this gauge with the given tag values.
	 * @param <T> the type of the object the gauge reads
	 * @param object the object the gauge reads
	 * @param value how to read the gauge's value from the object
	 * @param tagValues a value for each of {@link #getKeyNames()}, in order
	 * @return the builder
	 */
	public <T> Gauge.Builder<T> gauge(T object, ToDoubleFunction<T> value, String... tagValues) {
		return Gauge.builder(this.name, object, value)
			.description(this.description)
			.baseUnit(this.baseUnit)
			.tags(tags(Meter.Type.GAUGE, tagValues));
	}

	private String[] tags(Meter.Type builderType, String[] tagValues) {
		if (builderType != this.type || tagValues.length != this.keyNames.length) {
			throw new IllegalArgumentException(this.name + " is a " + this.type + " with the tags "
					+ java.util.Arrays.toString(this.keyNames) + ", not a " + builderType + " with "
					+ tagValues.length + " tag values");
		}
		String[] keyValues = new String[tagValues.length * 2];
		for (int i = 0; i < tagValues.length; i++) {
			keyValues[2 * i] = this.keyNames[i].asString();
			keyValues[2 * i + 1] = tagValues[i];
		}
		return keyValues;
	}

}
