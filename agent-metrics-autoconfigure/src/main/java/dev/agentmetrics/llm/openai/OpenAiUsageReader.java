package dev.agentmetrics.llm.openai;

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

	/**
	 * Read OpenAI's usage object.
	 * @param usage the usage as OpenAI reported it
	 * @return the tokens
	 */
	public static TokenUsage read(OpenAiApi.Usage usage) {
		OpenAiApi.Usage.PromptTokensDetails prompt = usage.promptTokensDetails();
		OpenAiApi.Usage.CompletionTokenDetails completion = usage.completionTokenDetails();
		long cached = (prompt != null) ? value(prompt.cachedTokens()) : 0;
		long reasoning = (completion != null) ? value(completion.reasoningTokens()) : 0;
		return new TokenUsage(value(usage.promptTokens()), value(usage.completionTokens()), cached, 0, reasoning);
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
