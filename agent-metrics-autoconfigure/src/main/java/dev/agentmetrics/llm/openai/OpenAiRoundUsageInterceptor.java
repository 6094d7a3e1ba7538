package dev.agentmetrics.llm.openai;

import dev.agentmetrics.llm.RoundUsageInterceptor;
import dev.agentmetrics.llm.TokenUsage;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;

/**
 * Intercepts {@link OpenAiApi}'s chat-completion methods to report the usage of every
 * billed request, each round of Spring AI's internal tool loop included, with OpenAI's
 * cached and reasoning tokens.
 *
 * <p>
 * It can also ask OpenAI for the usage of streaming requests
 * ({@code stream_options.include_usage}), without which streams report no usage at all.
 * It does so per streaming request rather than through
 * {@code spring.ai.openai.chat.options.stream-usage}, because with that property Spring
 * AI logs a warning on every blocking call.
 *
 * @author agent-metrics
 */
public class OpenAiRoundUsageInterceptor extends RoundUsageInterceptor {

	private final boolean includeStreamUsage;

	/**
	 * Create an interceptor.
	 * @param includeStreamUsage whether to ask for the usage of streaming requests that do
	 * not ask for it
	 */
	public OpenAiRoundUsageInterceptor(boolean includeStreamUsage) {
		super("openai", "chatCompletionEntity", "chatCompletionStream");
		this.includeStreamUsage = includeStreamUsage;
	}

	@Override
	protected void beforeStream(Object[] arguments) {
		if (this.includeStreamUsage && arguments.length > 0
				&& arguments[0] instanceof OpenAiApi.ChatCompletionRequest request && request.streamOptions() == null) {
			arguments[0] = request.streamOptions(OpenAiApi.ChatCompletionRequest.StreamOptions.INCLUDE_USAGE);
		}
	}

	@Override
	@Nullable
	protected TokenUsage responseUsage(@Nullable Object result) {
		if (result instanceof ResponseEntity<?> entity && entity.getBody() instanceof OpenAiApi.ChatCompletion body
				&& body.usage() != null) {
			return OpenAiUsageReader.read(body.usage());
		}
		return null;
	}

	@Override
	@Nullable
	protected TokenUsage chunkUsage(Object chunk) {
		// Some compatible servers repeat usage on several chunks; the last wins.
		if (chunk instanceof OpenAiApi.ChatCompletionChunk completionChunk && completionChunk.usage() != null) {
			return OpenAiUsageReader.read(completionChunk.usage());
		}
		return null;
	}

}
