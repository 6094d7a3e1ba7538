package dev.agentmetrics.llm.openai;

import com.openai.models.completions.CompletionUsage;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.lang.Nullable;

/**
 * Reads the usage of Spring AI 2.0's OpenAI client, the official OpenAI SDK's
 * {@link CompletionUsage}: prompt tokens with their cached part, completion tokens with
 * their reasoning part.
 *
 * @author agent-metrics
 */
public class OpenAiUsageReader implements UsageReader {

	@Override
	@Nullable
	public TokenUsage read(Usage usage) {
		if (usage.getNativeUsage() instanceof CompletionUsage completionUsage && sameTotals(usage, completionUsage)) {
			return read(completionUsage);
		}
		return null;
	}

	/**
	 * Read OpenAI's usage object.
	 * @param usage the usage as OpenAI reported it
	 * @return the tokens
	 */
	public static TokenUsage read(CompletionUsage usage) {
		long cached = usage.promptTokensDetails().flatMap((details) -> details.cachedTokens()).orElse(0L);
		long reasoning = usage.completionTokensDetails().flatMap((details) -> details.reasoningTokens()).orElse(0L);
		return new TokenUsage(usage.promptTokens(), usage.completionTokens(), cached, 0, reasoning);
	}

	private static boolean sameTotals(Usage usage, CompletionUsage completionUsage) {
		// A usage Spring AI merged over several rounds has no native object, but only trust
		// the details when they describe the same tokens.
		return value(usage.getPromptTokens()) == completionUsage.promptTokens()
				&& value(usage.getCompletionTokens()) == completionUsage.completionTokens();
	}

	private static long value(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
