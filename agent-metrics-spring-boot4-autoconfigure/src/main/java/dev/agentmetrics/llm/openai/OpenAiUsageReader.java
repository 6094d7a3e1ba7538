package dev.agentmetrics.llm.openai;

import com.openai.core.JsonField;
import com.openai.core.KnownValue;
import com.openai.models.completions.CompletionUsage;
import dev.agentmetrics.llm.TokenCounts;
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

	@Override
	public boolean read(Usage usage, TokenCounts counts) {
		if (usage.getNativeUsage() instanceof CompletionUsage completionUsage && sameTotals(usage, completionUsage)) {
			read(completionUsage, counts);
			return true;
		}
		return false;
	}

	/**
	 * Read OpenAI's usage object.
	 * @param usage the usage as OpenAI reported it
	 * @return the tokens
	 */
	public static TokenUsage read(CompletionUsage usage) {
		return new TokenUsage(usage.promptTokens(), usage.completionTokens(), cached(usage), 0, reasoning(usage));
	}

	private static void read(CompletionUsage usage, TokenCounts counts) {
		counts.tokens(usage.promptTokens(), usage.completionTokens(), cached(usage), 0, reasoning(usage));
	}

	// The SDK's raw fields, not its Optional accessors, which allocate on every call.

	private static long cached(CompletionUsage usage) {
		CompletionUsage.PromptTokensDetails prompt = known(usage._promptTokensDetails());
		return (prompt != null) ? count(prompt._cachedTokens()) : 0;
	}

	private static long reasoning(CompletionUsage usage) {
		CompletionUsage.CompletionTokensDetails completion = known(usage._completionTokensDetails());
		return (completion != null) ? count(completion._reasoningTokens()) : 0;
	}

	@Nullable
	private static <T> T known(JsonField<T> field) {
		return (field instanceof KnownValue<T> known) ? known.value() : null;
	}

	private static long count(JsonField<Long> field) {
		Long count = known(field);
		return (count != null) ? count : 0;
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
