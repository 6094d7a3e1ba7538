package dev.agentmetrics.llm;

import java.util.List;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * Resolves the tokens a provider billed: through the first {@link UsageReader} that
 * understands the provider's native usage, which keeps cached and reasoning tokens, else
 * the prompt and completion tokens every Spring AI usage has.
 *
 * @author agent-metrics
 */
final class UsageResolver {

	// An array: iterating it allocates nothing, even where the JIT does not inline.
	private final UsageReader[] readers;

	UsageResolver(List<UsageReader> readers) {
		this.readers = readers.toArray(UsageReader[]::new);
	}

	/**
	 * Read the usage of one response.
	 * @param response the response, may be {@code null}
	 * @return the tokens, {@code null} when the response reports no usage
	 */
	@Nullable
	TokenUsage read(@Nullable ChatResponse response) {
		Usage usage = ChatResponses.usage(response);
		return (usage != null) ? read(usage) : null;
	}

	/**
	 * Read the usage Spring AI reported for a whole call, for when no provider integration
	 * captured its rounds (which stay exact across tool loops, where Spring AI's merged
	 * usage loses the provider's details).
	 * @param call the call
	 * @param response the response of a blocking call, {@code null} for a stream
	 * @return the tokens, {@code null} when the call reported no usage
	 */
	@Nullable
	TokenUsage readCall(LlmCall call, @Nullable ChatResponse response) {
		Usage usage = (call.progress != null) ? call.progress.usage() : ChatResponses.usage(response);
		return (usage != null) ? read(usage) : null;
	}

	private TokenUsage read(Usage usage) {
		for (UsageReader reader : this.readers) {
			TokenUsage tokens = reader.read(usage);
			if (tokens != null) {
				return tokens;
			}
		}
		return UsageReader.basic(usage);
	}

}
