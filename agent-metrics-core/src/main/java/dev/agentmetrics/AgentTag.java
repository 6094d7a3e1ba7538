package dev.agentmetrics;

import io.micrometer.common.docs.KeyName;

/**
 * The tag keys of the meters of {@link AgentMeters}, with the fixed values some of them
 * take.
 *
 * @author agent-metrics
 */
public enum AgentTag implements KeyName {

	/** The agent a call, tool call or run belongs to. */
	AGENT("agent"),

	/** The LLM provider, as Spring AI names it, such as {@code openai}. */
	PROVIDER("provider"),

	/** The model. */
	MODEL("model"),

	/** {@link #OUTCOME_SUCCESS}, {@link #OUTCOME_ERROR} or {@link #OUTCOME_TIMEOUT}. */
	OUTCOME("outcome"),

	/** The error kind of a failure, or {@link #ERROR_NONE}. */
	ERROR("error"),

	/** Whether a call was streaming: {@code true} or {@code false}. */
	STREAM("stream"),

	/** The token type, such as {@link #TYPE_INPUT}. */
	TYPE("type"),

	/** The prompt-cache result: {@link #RESULT_HIT} or {@link #RESULT_MISS}. */
	RESULT("result"),

	/**
	 * Where an error happened, such as {@link #SOURCE_LLM}; for prices, where they come
	 * from, such as {@link #SOURCE_FILE}.
	 */
	SOURCE("source"),

	/** The error kind of an error. */
	KIND("kind"),

	/** The tool. */
	TOOL("tool"),

	/** The name of a circuit breaker. */
	NAME("name"),

	/** The state a circuit breaker left. */
	FROM("from"),

	/** The state a circuit breaker entered. */
	TO("to"),

	/** A spend budget. */
	BUDGET("budget"),

	/** Why something was dropped. */
	REASON("reason");

	/** Outcome of a call, tool call or run that succeeded. */
	public static final String OUTCOME_SUCCESS = "success";

	/** Outcome of a call, tool call or run that failed. */
	public static final String OUTCOME_ERROR = "error";

	/** Outcome of a run that timed out. */
	public static final String OUTCOME_TIMEOUT = "timeout";

	/** Error of a call, tool call or run that succeeded. */
	public static final String ERROR_NONE = "none";

	/** Source of errors that ended a run. */
	public static final String SOURCE_RUN = "run";

	/** Source of errors of tool calls. */
	public static final String SOURCE_TOOL = "tool";

	/** Source of errors of LLM calls. */
	public static final String SOURCE_LLM = "llm";

	/** Source of prices configured with {@code agent-metrics.pricing.models}. */
	public static final String SOURCE_CONFIGURED = "configured";

	/** Source of prices read from the price file, {@code agent-metrics.pricing.file}. */
	public static final String SOURCE_FILE = "file";

	/** Source of the built-in prices. */
	public static final String SOURCE_BUILTIN = "builtin";

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

	/** Prompt-cache result of a request that read from the prompt cache. */
	public static final String RESULT_HIT = "hit";

	/** Prompt-cache result of a request that did not read from the prompt cache. */
	public static final String RESULT_MISS = "miss";

	private final String key;

	AgentTag(String key) {
		this.key = key;
	}

	@Override
	public String asString() {
		return this.key;
	}

}
