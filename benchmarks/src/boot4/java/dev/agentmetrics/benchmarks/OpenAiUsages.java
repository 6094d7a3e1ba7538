package dev.agentmetrics.benchmarks;

import com.openai.models.completions.CompletionUsage;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;

/**
 * OpenAI's usage as Spring AI 2.0 reports it (the OpenAI SDK's {@link CompletionUsage} as
 * native object), for the benchmarks of the Boot 4 line.
 */
final class OpenAiUsages {

	private OpenAiUsages() {
	}

	static Usage of(int prompt, int completion, int cached, int reasoning) {
		CompletionUsage nativeUsage = CompletionUsage.builder()
			.promptTokens(prompt)
			.completionTokens(completion)
			.totalTokens(prompt + completion)
			.promptTokensDetails(CompletionUsage.PromptTokensDetails.builder().cachedTokens(cached).build())
			.completionTokensDetails(CompletionUsage.CompletionTokensDetails.builder().reasoningTokens(reasoning).build())
			.build();
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage, (long) cached, null);
	}

	/** The cached prompt tokens, as hand-written code reads them from the native usage. */
	static long cached(Usage usage) {
		return (usage.getNativeUsage() instanceof CompletionUsage openAi)
				? openAi.promptTokensDetails().flatMap((details) -> details.cachedTokens()).orElse(0L) : 0;
	}

}
