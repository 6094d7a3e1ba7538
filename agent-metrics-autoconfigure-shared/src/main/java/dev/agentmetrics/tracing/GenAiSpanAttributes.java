package dev.agentmetrics.tracing;

/**
 * The span attributes agent-metrics adds: OpenTelemetry's GenAI conventions, Langfuse's
 * own attributes, and the run cost in a namespace of its own.
 *
 * @author agent-metrics
 */
public final class GenAiSpanAttributes {

	/** Prompt tokens of a request, cached ones included, as a long. */
	public static final String INPUT_TOKENS = "gen_ai.usage.input_tokens";

	/** Completion tokens of a request, reasoning included, as a long. */
	public static final String OUTPUT_TOKENS = "gen_ai.usage.output_tokens";

	/** Prompt tokens read from the provider's prompt cache, as a long. */
	public static final String CACHE_READ_TOKENS = "gen_ai.usage.cache_read.input_tokens";

	/** Prompt tokens written to the provider's prompt cache, as a long. */
	public static final String CACHE_CREATION_TOKENS = "gen_ai.usage.cache_creation.input_tokens";

	/** Completion tokens spent on reasoning, as a long. */
	public static final String REASONING_TOKENS = "gen_ai.usage.reasoning.output_tokens";

	/** The cost of a request in USD, as a double. */
	public static final String COST = "gen_ai.usage.cost";

	/** Seconds from a streaming request to its first chunk, as a double. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";

	/** The prompt of a request, as JSON; only with content capture on. */
	public static final String INPUT_MESSAGES = "gen_ai.input.messages";

	/** The answer of a request, as JSON; only with content capture on. */
	public static final String OUTPUT_MESSAGES = "gen_ai.output.messages";

	/** The name of a tool. */
	public static final String TOOL_NAME = "gen_ai.tool.name";

	/** The id the model gave a tool call. */
	public static final String TOOL_CALL_ID = "gen_ai.tool.call.id";

	/** The arguments of a tool call; only with content capture on. */
	public static final String TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";

	/** The result of a tool call; only with content capture on. */
	public static final String TOOL_CALL_RESULT = "gen_ai.tool.call.result";

	/** The cost of an agent run's LLM calls in USD, as a double; never a gen_ai.usage sum. */
	public static final String RUN_COST = "agent_metrics.run.cost_usd";

	/** Langfuse: a request's cost by kind of token, as JSON. */
	public static final String LANGFUSE_COST_DETAILS = "langfuse.observation.cost_details";

	/** Langfuse: when a streaming request sent its first chunk, ISO-8601. */
	public static final String LANGFUSE_COMPLETION_START_TIME = "langfuse.observation.completion_start_time";

	/** Langfuse: the kind of observation, {@code agent} or {@code tool}. */
	public static final String LANGFUSE_OBSERVATION_TYPE = "langfuse.observation.type";

	/** Langfuse: the name of the trace, the run's agent. */
	public static final String LANGFUSE_TRACE_NAME = "langfuse.trace.name";

	/** Langfuse: the session the application named for the run. */
	public static final String LANGFUSE_SESSION_ID = "langfuse.session.id";

	/** Langfuse: the user the application named for the run. */
	public static final String LANGFUSE_USER_ID = "langfuse.user.id";

	private GenAiSpanAttributes() {
	}

}
