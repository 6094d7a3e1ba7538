package dev.agentmetrics.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One scripted answer of {@link FakeOpenAiServer}: a chat completion (text and/or tool
 * calls), an OpenAI error, a raw body or a dropped connection.
 * <p>
 * The same instance answers a blocking request with a {@code chat.completion} JSON body
 * and a streaming request ({@code "stream":true}) with {@code chat.completion.chunk}
 * server-sent events, so one script serves both {@code call} and {@code stream}. Builder
 * methods mutate and return this instance; a response is meant to be enqueued once.
 */
public final class FakeResponse {

	/** The model a completion reports unless {@link #model(String)} says otherwise. */
	public static final String DEFAULT_MODEL = "gpt-4o-mini-2024-07-18";

	enum Kind {

		COMPLETION, ERROR, RAW, DISCONNECT

	}

	final Kind kind;

	String content;

	final List<ToolCall> toolCalls = new ArrayList<>();

	String model = DEFAULT_MODEL;

	String id;

	String finishReason;

	boolean usage = true;

	int promptTokens;

	int completionTokens;

	Integer totalTokens;

	int cachedTokens;

	int reasoningTokens;

	int status = 200;

	String errorType;

	String errorCode;

	String errorMessage;

	String rawContentType;

	String rawBody;

	Duration delay = Duration.ZERO;

	Duration chunkDelay = Duration.ZERO;

	int chunkSize;

	int failStreamAfter = -1;

	final Map<String, String> headers = new LinkedHashMap<>();

	private FakeResponse(Kind kind) {
		this.kind = kind;
	}

	/**
	 * A completion whose assistant message is the given text, finish reason {@code stop}.
	 * Streamed, the text is split before each whitespace (see {@link #chunkSize(int)}).
	 * @param text the assistant text
	 * @return the response
	 */
	public static FakeResponse text(String text) {
		FakeResponse response = new FakeResponse(Kind.COMPLETION);
		response.content = Objects.requireNonNull(text, "text");
		return response;
	}

	/**
	 * A completion asking for the given tool calls: content {@code null}, finish reason
	 * {@code tool_calls}. Calls without an id get {@code call_1}, {@code call_2}... in the
	 * order the server answers them.
	 * @param calls the tool calls, at least one
	 * @return the response
	 */
	public static FakeResponse toolCalls(ToolCall... calls) {
		if (calls.length == 0) {
			throw new IllegalArgumentException("At least one tool call is needed");
		}
		FakeResponse response = new FakeResponse(Kind.COMPLETION);
		response.toolCalls.addAll(List.of(calls));
		return response;
	}

	/**
	 * A tool call for {@link #toolCalls(ToolCall...)}, with a generated id.
	 * @param name the function name
	 * @param arguments the arguments, a JSON document as a string
	 * @return the tool call
	 */
	public static ToolCall call(String name, String arguments) {
		return new ToolCall(null, name, arguments);
	}

	/**
	 * An OpenAI error: the given HTTP status with body
	 * {@code {"error":{"message","type","param":null,"code"}}}. The type defaults from the
	 * status ({@code requests} for 429, {@code server_error} for 5xx,
	 * {@code invalid_request_error} otherwise); see {@link #errorType(String)}.
	 * @param status the HTTP status, such as 400, 401, 429, 500 or 503
	 * @param code the error code, such as {@code rate_limit_exceeded} or
	 * {@code context_length_exceeded}; may be {@code null}
	 * @param message the error message
	 * @return the response
	 */
	public static FakeResponse error(int status, String code, String message) {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("An error status is 4xx or 5xx, not " + status);
		}
		FakeResponse response = new FakeResponse(Kind.ERROR);
		response.status = status;
		response.errorCode = code;
		response.errorMessage = Objects.requireNonNull(message, "message");
		response.errorType = (status == 429) ? "requests" : (status >= 500) ? "server_error" : "invalid_request_error";
		return response;
	}

	/**
	 * A response with exactly the given status, content type and body, whatever the request
	 * asked for (for malformed or unusual answers).
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type}
	 * @param body the body
	 * @return the response
	 */
	public static FakeResponse raw(int status, String contentType, String body) {
		FakeResponse response = new FakeResponse(Kind.RAW);
		response.status = status;
		response.rawContentType = Objects.requireNonNull(contentType, "contentType");
		response.rawBody = Objects.requireNonNull(body, "body");
		return response;
	}

	/**
	 * No response at all: the server closes the connection after reading the request (a
	 * network failure as the client sees it).
	 * @return the response
	 */
	public static FakeResponse disconnect() {
		return new FakeResponse(Kind.DISCONNECT);
	}

	/**
	 * Set the model the completion reports, {@value #DEFAULT_MODEL} by default.
	 * @param model the model
	 * @return this response
	 */
	public FakeResponse model(String model) {
		this.model = Objects.requireNonNull(model, "model");
		return this;
	}

	/**
	 * Set the completion id, {@code chatcmpl-fake-<n>} by default.
	 * @param id the id
	 * @return this response
	 */
	public FakeResponse id(String id) {
		this.id = Objects.requireNonNull(id, "id");
		return this;
	}

	/**
	 * Set assistant text next to tool calls (OpenAI may send both); on a text response this
	 * replaces the text.
	 * @param content the text, or {@code null} for none
	 * @return this response
	 */
	public FakeResponse content(String content) {
		this.content = content;
		return this;
	}

	/**
	 * Override the finish reason, such as {@code length} or {@code content_filter}.
	 * @param finishReason the finish reason
	 * @return this response
	 */
	public FakeResponse finishReason(String finishReason) {
		this.finishReason = Objects.requireNonNull(finishReason, "finishReason");
		return this;
	}

	/**
	 * Set the usage; {@code total_tokens} is their sum unless
	 * {@link #totalTokens(int)} says otherwise. Without this call the usage is all zeros.
	 * @param promptTokens the prompt tokens
	 * @param completionTokens the completion tokens
	 * @return this response
	 */
	public FakeResponse usage(int promptTokens, int completionTokens) {
		this.promptTokens = promptTokens;
		this.completionTokens = completionTokens;
		this.usage = true;
		return this;
	}

	/**
	 * Override {@code total_tokens}, which is otherwise prompt plus completion tokens.
	 * @param totalTokens the total tokens
	 * @return this response
	 */
	public FakeResponse totalTokens(int totalTokens) {
		this.totalTokens = totalTokens;
		return this;
	}

	/**
	 * Set {@code usage.prompt_tokens_details.cached_tokens} (0 by default).
	 * @param cachedTokens the cached prompt tokens
	 * @return this response
	 */
	public FakeResponse cachedTokens(int cachedTokens) {
		this.cachedTokens = cachedTokens;
		return this;
	}

	/**
	 * Set {@code usage.completion_tokens_details.reasoning_tokens} (0 by default).
	 * @param reasoningTokens the reasoning tokens
	 * @return this response
	 */
	public FakeResponse reasoningTokens(int reasoningTokens) {
		this.reasoningTokens = reasoningTokens;
		return this;
	}

	/**
	 * Leave {@code usage} out entirely: absent from a blocking completion, and no
	 * usage-only chunk in a stream even when the request asked for one.
	 * @return this response
	 */
	public FakeResponse noUsage() {
		this.usage = false;
		return this;
	}

	/**
	 * Wait this long after reading the request before answering (before the status line).
	 * @param delay the delay
	 * @return this response
	 */
	public FakeResponse delay(Duration delay) {
		this.delay = Objects.requireNonNull(delay, "delay");
		return this;
	}

	/**
	 * Wait this long before each streamed chunk after the first one (streams only).
	 * @param chunkDelay the delay between chunks
	 * @return this response
	 */
	public FakeResponse chunkDelay(Duration chunkDelay) {
		this.chunkDelay = Objects.requireNonNull(chunkDelay, "chunkDelay");
		return this;
	}

	/**
	 * Stream the text and tool-call arguments in pieces of this many characters, instead
	 * of splitting the text before each whitespace and arguments every 8 characters.
	 * @param chunkSize the characters per content chunk, at least 1
	 * @return this response
	 */
	public FakeResponse chunkSize(int chunkSize) {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("chunkSize must be at least 1");
		}
		this.chunkSize = chunkSize;
		return this;
	}

	/**
	 * Make a stream break: after this many {@code data:} events the server drops the
	 * connection, with no finish chunk, no usage and no {@code [DONE]}. Blocking requests
	 * are not affected.
	 * @param events the events sent before the connection drops, 0 or more
	 * @return this response
	 */
	public FakeResponse failStreamAfter(int events) {
		if (events < 0) {
			throw new IllegalArgumentException("events must not be negative");
		}
		this.failStreamAfter = events;
		return this;
	}

	/**
	 * Override the error {@code type} of an {@link #error(int, String, String)} response.
	 * @param type the type, such as {@code insufficient_quota}
	 * @return this response
	 */
	public FakeResponse errorType(String type) {
		this.errorType = type;
		return this;
	}

	/**
	 * Add a response header, such as {@code retry-after} or
	 * {@code x-ratelimit-remaining-requests}.
	 * @param name the header name
	 * @param value the header value
	 * @return this response
	 */
	public FakeResponse header(String name, String value) {
		this.headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
		return this;
	}

	/**
	 * Return the tool calls this response asks for.
	 * @return the tool calls, as given (ids may be {@code null})
	 */
	public List<ToolCall> toolCallList() {
		return Collections.unmodifiableList(this.toolCalls);
	}

	String effectiveFinishReason() {
		if (this.finishReason != null) {
			return this.finishReason;
		}
		return this.toolCalls.isEmpty() ? "stop" : "tool_calls";
	}

	int effectiveTotalTokens() {
		return (this.totalTokens != null) ? this.totalTokens : this.promptTokens + this.completionTokens;
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case COMPLETION -> "FakeResponse[" + (this.toolCalls.isEmpty() ? "text=" + this.content
					: "toolCalls=" + this.toolCalls) + ", model=" + this.model + "]";
			case ERROR -> "FakeResponse[error " + this.status + " " + this.errorCode + "]";
			case RAW -> "FakeResponse[raw " + this.status + "]";
			case DISCONNECT -> "FakeResponse[disconnect]";
		};
	}

	/**
	 * A function call the model asks for.
	 *
	 * @param id the tool call id, or {@code null} to have the server generate one
	 * @param name the function name
	 * @param arguments the arguments, a JSON document as a string
	 */
	public record ToolCall(String id, String name, String arguments) {

		/**
		 * Create a tool call.
		 * @param id the id, or {@code null}
		 * @param name the function name
		 * @param arguments the JSON arguments
		 */
		public ToolCall {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(arguments, "arguments");
		}

		/**
		 * Return a copy with the given id.
		 * @param id the id, such as {@code call_abc123}
		 * @return the copy
		 */
		public ToolCall withId(String id) {
			return new ToolCall(Objects.requireNonNull(id, "id"), this.name, this.arguments);
		}

	}

}
