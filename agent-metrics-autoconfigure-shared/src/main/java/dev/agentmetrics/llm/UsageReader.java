package dev.agentmetrics.llm;

import org.springframework.ai.chat.metadata.Usage;
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
