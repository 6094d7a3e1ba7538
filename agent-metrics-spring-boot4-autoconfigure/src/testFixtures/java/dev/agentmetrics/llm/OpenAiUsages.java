package dev.agentmetrics.llm;

import com.openai.models.completions.CompletionUsage;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;

/**
 * OpenAI's usage as Spring AI 2.0 reports it (the OpenAI SDK's {@link CompletionUsage} as
 * native object), for the tests and the benchmarks of the Boot 4 line (which compile this
 * directory: nothing here may need more than Spring AI's OpenAI client).
 */
public final class OpenAiUsages {

	private OpenAiUsages() {
	}

	/**
	 * Return the usage of a response billed the given tokens.
	 * @param prompt the prompt tokens, cached ones included
	 * @param completion the completion tokens, reasoning ones included
	 * @param cached the cached prompt tokens
	 * @param reasoning the reasoning tokens
	 * @return the usage, with the native usage of the line's OpenAI client
	 */
	public static Usage of(int prompt, int completion, int cached, int reasoning) {
		CompletionUsage nativeUsage = CompletionUsage.builder()
			.promptTokens(prompt)
			.completionTokens(completion)
			.totalTokens(prompt + completion)
			.promptTokensDetails(CompletionUsage.PromptTokensDetails.builder().cachedTokens(cached).build())
			.completionTokensDetails(CompletionUsage.CompletionTokensDetails.builder().reasoningTokens(reasoning).build())
			.build();
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage, (long) cached, null);
	}

	/**
	 * Return the cached prompt tokens, as hand-written code reads them from the native usage.
	 * @param usage the usage
	 * @return the cached prompt tokens, 0 when the native usage has none
	 */
	public static long cached(Usage usage) {
		return (usage.getNativeUsage() instanceof CompletionUsage openAi)
				? openAi.promptTokensDetails().flatMap((details) -> details.cachedTokens()).orElse(0L) : 0;
	}

}
