package dev.agentmetrics.llm.openai;

import dev.agentmetrics.llm.TokenCounts;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.lang.Nullable;

/**
 * Reads OpenAI's native usage: cached prompt tokens from
 * {@code prompt_tokens_details.cached_tokens}, reasoning tokens from
 * {@code completion_tokens_details.reasoning_tokens}.
 *
 * @author agent-metrics
 */
public class OpenAiUsageReader implements UsageReader {

	@Override
	@Nullable
	public TokenUsage read(Usage usage) {
		if (usage.getNativeUsage() instanceof OpenAiApi.Usage openAiUsage
				&& sameTotals(usage, openAiUsage)) {
			return read(openAiUsage);
		}
		return null;
	}

	@Override
	public boolean read(Usage usage, TokenCounts counts) {
		if (usage.getNativeUsage() instanceof OpenAiApi.Usage openAiUsage && sameTotals(usage, openAiUsage)) {
			read(openAiUsage, counts);
			return true;
		}
		return false;
	}

	/**
	 * Read OpenAI's usage object.
	 * @param usage the usage as OpenAI reported it
	 * @return the tokens
	 */
	public static TokenUsage read(OpenAiApi.Usage usage) {
		return new TokenUsage(value(usage.promptTokens()), value(usage.completionTokens()), cached(usage), 0,
				reasoning(usage));
	}

	private static void read(OpenAiApi.Usage usage, TokenCounts counts) {
		counts.tokens(value(usage.promptTokens()), value(usage.completionTokens()), cached(usage), 0,
				reasoning(usage));
	}

	private static long cached(OpenAiApi.Usage usage) {
		OpenAiApi.Usage.PromptTokensDetails prompt = usage.promptTokensDetails();
		return (prompt != null) ? value(prompt.cachedTokens()) : 0;
	}

	private static long reasoning(OpenAiApi.Usage usage) {
		OpenAiApi.Usage.CompletionTokenDetails completion = usage.completionTokenDetails();
		return (completion != null) ? value(completion.reasoningTokens()) : 0;
	}

	private static boolean sameTotals(Usage usage, OpenAiApi.Usage openAiUsage) {
		// A usage merged by Spring AI over several rounds may still carry one round's
		// native object; only trust the details when they describe the same tokens.
		return value(usage.getPromptTokens()) == value(openAiUsage.promptTokens())
				&& value(usage.getCompletionTokens()) == value(openAiUsage.completionTokens());
	}

	private static long value(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
