package dev.agentmetrics;

/**
 * Names of the meters and tags agent-metrics registers, in one place so that code, tests,
 * alert rules and dashboards agree.
 *
 * @author agent-metrics
 */
public final class AgentMeters {

	/** Timer of ChatClient calls. */
	public static final String LLM_REQUESTS = "agent.llm.requests";

	/** Counter of tokens the provider billed, by {@link #TYPE type}. */
	public static final String LLM_TOKENS = "agent.llm.tokens";

	/** Counter of the cost of LLM calls, in USD. */
	public static final String LLM_COST = "agent.llm.cost";

	/**
	 * Counter of billed requests that reported usage (each round of a tool loop), by
	 * prompt-cache {@link #RESULT result}.
	 */
	public static final String LLM_PROMPT_CACHE = "agent.llm.prompt.cache";

	/** Counter of calls whose model has no price. */
	public static final String LLM_UNPRICED_CALLS = "agent.llm.unpriced.calls";

	/** Timer from the start of a streaming call to its first content chunk. */
	public static final String LLM_TIME_TO_FIRST_TOKEN = "agent.llm.time.to.first.token";

	/** Counter of errors, by {@link #SOURCE source} and {@link #KIND kind}. */
	public static final String ERRORS = "agent.errors";

	/** Timer of agent runs. */
	public static final String RUNS = "agent.runs";

	/** Gauge of the runs going on now. */
	public static final String RUNS_ACTIVE = "agent.runs.active";

	/** Distribution of the cost of a run, in {@link #MICRO_USD micro-USD}. */
	public static final String RUN_COST = "agent.run.cost";

	/** Distribution of the number of LLM calls of a run. */
	public static final String RUN_LLM_CALLS = "agent.run.llm.calls";

	/** Distribution of the number of tool calls of a run. */
	public static final String RUN_TOOL_CALLS = "agent.run.tool.calls";

	/** Timer of tool calls. */
	public static final String TOOL_CALLS = "agent.tool.calls";

	/** Counter of detected tool loops. */
	public static final String TOOL_LOOPS = "agent.tool.loops";

	/** Tag: the tool. */
	public static final String TOOL = "tool";

	/** Gauge of the state of every circuit breaker. */
	public static final String CIRCUIT_BREAKER_STATE = "agent.circuit.breaker.state";

	/** Counter of circuit-breaker state transitions. */
	public static final String CIRCUIT_BREAKER_TRANSITIONS = "agent.circuit.breaker.transitions";

	/** Counter of retries of LLM requests. */
	public static final String LLM_RETRIES = "agent.llm.retries";

	/** Tag: the name of a circuit breaker. */
	public static final String NAME = "name";

	/** Tag: the state a circuit breaker left. */
	public static final String FROM = "from";

	/** Tag: the state a circuit breaker entered. */
	public static final String TO = "to";

	/** Tag: the agent a call belongs to. */
	public static final String AGENT = "agent";

	/** Tag: the LLM provider, such as {@code openai}. */
	public static final String PROVIDER = "provider";

	/** Tag: the model, as the response names it. */
	public static final String MODEL = "model";

	/** Tag: {@code success} or {@code error}. */
	public static final String OUTCOME = "outcome";

	/** Tag: the error kind, or {@code none}. */
	public static final String ERROR = "error";

	/** Tag: whether a call was streaming. */
	public static final String STREAM = "stream";

	/** Tag: the token type. */
	public static final String TYPE = "type";

	/** Tag: the prompt-cache result, {@code hit} or {@code miss}. */
	public static final String RESULT = "result";

	/** Tag: where an error happened, such as {@code llm}. */
	public static final String SOURCE = "source";

	/** Tag: the error kind. */
	public static final String KIND = "kind";

	/** Outcome tag value of a successful call. */
	public static final String OUTCOME_SUCCESS = "success";

	/** Outcome tag value of a failed call. */
	public static final String OUTCOME_ERROR = "error";

	/** Error tag value of a successful call. */
	public static final String ERROR_NONE = "none";

	/** Outcome tag value of a run that timed out. */
	public static final String OUTCOME_TIMEOUT = "timeout";

	/** Source tag value of errors that ended a run. */
	public static final String SOURCE_RUN = "run";

	/** Source tag value of errors of tool calls. */
	public static final String SOURCE_TOOL = "tool";

	/** Source tag value of errors of LLM calls. */
	public static final String SOURCE_LLM = "llm";

	/** Token type of prompt tokens, cached ones included. */
	public static final String TYPE_INPUT = "input";

	/** Token type of completion tokens, reasoning ones included. */
	public static final String TYPE_OUTPUT = "output";

	/** Token type of prompt tokens read from the provider's prompt cache. */
	public static final String TYPE_CACHE_READ = "cache_read";

	/** Token type of prompt tokens written to the provider's prompt cache. */
	public static final String TYPE_CACHE_WRITE = "cache_write";

	/** Token type of completion tokens spent on reasoning. */
	public static final String TYPE_REASONING = "reasoning";

	/** Result tag value of a call that read from the prompt cache. */
	public static final String RESULT_HIT = "hit";

	/** Result tag value of a call that did not read from the prompt cache. */
	public static final String RESULT_MISS = "miss";

	/**
	 * Base unit of {@link #RUN_COST}: millionths of a US dollar. A distribution summary
	 * places a value in its buckets rounded up to a whole number, so USD would put every
	 * run under 1 USD into one bucket.
	 */
	public static final String MICRO_USD = "microusd";

	/** Micro-USD in one USD. */
	public static final double MICRO_USD_PER_USD = 1_000_000;

	private AgentMeters() {
	}

}
