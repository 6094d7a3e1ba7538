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
	 * usage loses the provider's details), into the call's counts: numbers, so that the
	 * usage of every call costs no allocation.
	 * @param call the call, which takes the tokens
	 * @param response the response of a blocking call, {@code null} for a stream
	 * @return whether the call reported usage
	 */
	boolean readCall(LlmCall call, @Nullable ChatResponse response) {
		Usage usage = (call.progress != null) ? call.progress.usage() : ChatResponses.usage(response);
		if (usage == null) {
			return false;
		}
		for (UsageReader reader : this.readers) {
			if (reader.read(usage, call)) {
				return true;
			}
		}
		Integer prompt = usage.getPromptTokens();
		Integer completion = usage.getCompletionTokens();
		call.tokens((prompt != null) ? prompt : 0, (completion != null) ? completion : 0, 0, 0, 0);
		return true;
	}

	/**
	 * Read the usage of the one request whose response this is, apart from the usage Spring
	 * AI merged over a tool loop's rounds.
	 * @param response the response, or the chunk of a stream that closed it, may be
	 * {@code null}
	 * @return the tokens, {@code null} when no reader finds them
	 */
	@Nullable
	TokenUsage readOwn(@Nullable ChatResponse response) {
		if (response == null) {
			return null;
		}
		for (UsageReader reader : this.readers) {
			TokenUsage tokens = reader.readOwn(response);
			if (tokens != null) {
				return tokens;
			}
		}
		return null;
	}

	/**
	 * Read the prompt and completion tokens of a response's usage as Spring AI merges them
	 * over a tool loop's rounds, the way the usage of a whole call is read when no provider
	 * integration captured its rounds and the usage carries no provider's details.
	 * @param response the response, may be {@code null}
	 * @return the tokens, {@code null} when the response reports no usage
	 */
	@Nullable
	static TokenUsage merged(@Nullable ChatResponse response) {
		Usage usage = ChatResponses.usage(response);
		return (usage != null) ? UsageReader.basic(usage) : null;
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
