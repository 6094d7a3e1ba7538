package dev.agentmetrics.llm;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * Reads a provider's native usage object into a {@link TokenUsage}, so that cached and
 * reasoning tokens are counted where the provider reports them.
 *
 * @author agent-metrics
 */
@FunctionalInterface
public interface UsageReader {

	/**
	 * Read the given usage.
	 * @param usage the usage Spring AI reports, never {@code null}
	 * @return the tokens, or {@code null} when this reader does not understand the usage's
	 * native object
	 */
	@Nullable
	TokenUsage read(Usage usage);

	/**
	 * Read the given usage into the given counts. Readers on the path of every call
	 * override it to pass numbers rather than allocate a {@link TokenUsage}; by default it
	 * reads through {@link #read(Usage)}.
	 * @param usage the usage Spring AI reports, never {@code null}
	 * @param counts what takes the tokens
	 * @return whether this reader understood the usage's native object; the counts are
	 * left as they are when it did not
	 */
	default boolean read(Usage usage, TokenCounts counts) {
		TokenUsage tokens = read(usage);
		if (tokens == null) {
			return false;
		}
		counts.tokens(tokens.input(), tokens.output(), tokens.cacheRead(), tokens.cacheWrite(), tokens.reasoning(),
				tokens.cacheWrite1h());
		return true;
	}

	/**
	 * Read the usage of the one request whose response this is, where the response carries
	 * it apart from its {@link Usage}: Spring AI 1.1's chat models that run a tool loop
	 * report a usage merged over its rounds, without the provider's details, on the
	 * responses of its second and later rounds, and some keep the provider's own response in
	 * the metadata. By default, none.
	 * @param response the response of one request, or a chunk of it
	 * @return the tokens of that request, or {@code null} when the response carries none
	 * apart from its usage
	 */
	@Nullable
	default TokenUsage readOwn(ChatResponse response) {
		return null;
	}

	/**
	 * Read the prompt and completion tokens every {@link Usage} has, without details.
	 * @param usage the usage
	 * @return the tokens
	 */
	static TokenUsage basic(Usage usage) {
		return new TokenUsage(intValue(usage.getPromptTokens()), intValue(usage.getCompletionTokens()), 0, 0, 0);
	}

	private static long intValue(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
