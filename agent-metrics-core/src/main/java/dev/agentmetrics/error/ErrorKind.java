package dev.agentmetrics.error;

import java.util.Locale;

/**
 * The closed set of error kinds agent-metrics uses as the {@code error} and {@code kind}
 * tag values.
 *
 * @author agent-metrics
 */
public enum ErrorKind {

	/** The provider rejected the call for too many requests or tokens (HTTP 429). */
	RATE_LIMIT,

	/** The call or a read timed out. */
	TIMEOUT,

	/** The credentials were rejected (HTTP 401 or 403). */
	AUTH,

	/** The provider rejected the request as malformed (other HTTP 4xx). */
	INVALID_REQUEST,

	/** The prompt exceeded the model's context window. */
	CONTEXT_LENGTH,

	/** The provider's content filter refused the prompt or the completion. */
	CONTENT_FILTER,

	/** The provider failed (HTTP 5xx). */
	SERVER_ERROR,

	/** The provider could not be reached. */
	NETWORK,

	/** A circuit breaker rejected the call without trying it. */
	CIRCUIT_OPEN,

	/** A tool the model called failed. */
	TOOL_FAILURE,

	/** A tool loop was detected and broken. */
	LOOP_DETECTED,

	/** A blocking spend budget was spent: the call was not made. */
	BUDGET_EXCEEDED,

	/**
	 * Spring AI stopped a tool loop at its tool-call limit ({@code spring.ai.tools.limits.*},
	 * Spring AI 2.0): the call ends with the limit's message instead of the model's answer.
	 */
	TOOL_CALL_LIMIT,

	/** The caller cancelled the call. */
	CANCELLED,

	/** Anything else. */
	UNKNOWN;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the value used in tags, such as {@code rate_limit}.
	 * @return the tag value
	 */
	public String tagValue() {
		return this.tagValue;
	}

}
