package dev.agentmetrics.sample.simulator;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonInclude.Include;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.springframework.lang.Nullable;

/**
 * The JSON documents of OpenAI's chat completions API that the simulator writes, as
 * Jackson-mapped records.
 *
 * @author agent-metrics
 */
public final class OpenAiWire {

	private OpenAiWire() {
	}

	/**
	 * A non-streamed answer, {@code "object": "chat.completion"}.
	 *
	 * @param id the completion id
	 * @param object always {@code chat.completion}
	 * @param created the creation time, in epoch seconds
	 * @param model the model that answered
	 * @param choices the single choice
	 * @param usage the tokens billed
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ChatCompletion(String id, String object, long created, String model, List<Choice> choices,
			Usage usage) {
	}

	/**
	 * A choice of a non-streamed answer.
	 *
	 * @param index the choice index
	 * @param message the assistant message
	 * @param finishReason {@code stop} or {@code tool_calls}
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Choice(int index, Message message, String finishReason) {
	}

	/**
	 * The assistant message of a non-streamed answer.
	 *
	 * @param role always {@code assistant}
	 * @param content the text, {@code null} when the model calls tools
	 * @param toolCalls the tool calls, omitted when there are none
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Message(String role, @JsonInclude(Include.ALWAYS) @Nullable String content,
			@JsonInclude(Include.NON_EMPTY) @Nullable List<ToolCall> toolCalls) {
	}

	/**
	 * A tool call; in a streamed answer, only its first chunk carries the id, type and name.
	 *
	 * @param index the position of the call, set in streamed chunks only
	 * @param id the call id
	 * @param type always {@code function}
	 * @param function the function and its arguments
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(Include.NON_NULL)
	public record ToolCall(@Nullable Integer index, @Nullable String id, @Nullable String type,
			FunctionCall function) {
	}

	/**
	 * The function a tool call invokes.
	 *
	 * @param name the function name
	 * @param arguments the arguments, a JSON document in a string
	 */
	@JsonInclude(Include.NON_NULL)
	public record FunctionCall(@Nullable String name, String arguments) {
	}

	/**
	 * A chunk of a streamed answer, {@code "object": "chat.completion.chunk"}.
	 *
	 * @param id the completion id, the same in every chunk
	 * @param object always {@code chat.completion.chunk}
	 * @param created the creation time, in epoch seconds
	 * @param model the model that answered
	 * @param choices the single choice, or none in the closing usage chunk
	 * @param usage the tokens billed, only in the closing usage chunk
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(Include.NON_NULL)
	public record ChatCompletionChunk(String id, String object, long created, String model,
			List<ChunkChoice> choices, @Nullable Usage usage) {
	}

	/**
	 * The choice of a streamed chunk.
	 *
	 * @param index the choice index
	 * @param delta what this chunk adds to the message
	 * @param finishReason {@code null} until the last choice chunk
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ChunkChoice(int index, Delta delta, @Nullable String finishReason) {
	}

	/**
	 * What a streamed chunk adds to the assistant message.
	 *
	 * @param role {@code assistant} in the first chunk only
	 * @param content a fragment of the text
	 * @param toolCalls a fragment of the tool calls
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	@JsonInclude(Include.NON_NULL)
	public record Delta(@Nullable String role, @Nullable String content, @Nullable List<ToolCall> toolCalls) {

		/** The empty delta of the last choice chunk. */
		public static final Delta EMPTY = new Delta(null, null, null);

	}

	/**
	 * The tokens billed for one request.
	 *
	 * @param promptTokens the prompt tokens, cached ones included
	 * @param completionTokens the completion tokens, reasoning ones included
	 * @param totalTokens the sum of both
	 * @param promptTokensDetails the cached share of the prompt
	 * @param completionTokensDetails the reasoning share of the completion
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record Usage(int promptTokens, int completionTokens, int totalTokens,
			PromptTokensDetails promptTokensDetails, CompletionTokensDetails completionTokensDetails) {
	}

	/**
	 * Details of the prompt tokens.
	 *
	 * @param cachedTokens the prompt tokens read from the prompt cache
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record PromptTokensDetails(int cachedTokens) {
	}

	/**
	 * Details of the completion tokens.
	 *
	 * @param reasoningTokens the completion tokens spent on reasoning
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record CompletionTokensDetails(int reasoningTokens) {
	}

	/**
	 * OpenAI's error document, {@code {"error": {...}}}.
	 *
	 * @param error the error
	 */
	public record ErrorResponse(Error error) {
	}

	/**
	 * An error.
	 *
	 * @param message what went wrong
	 * @param type the error type, such as {@code requests} or {@code server_error}
	 * @param param the request parameter at fault, usually {@code null}
	 * @param code the error code, such as {@code rate_limit_exceeded}
	 */
	public record Error(String message, String type, @Nullable String param, @Nullable String code) {
	}

}
