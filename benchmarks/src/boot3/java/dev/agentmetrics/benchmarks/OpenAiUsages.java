package dev.agentmetrics.benchmarks;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * OpenAI's usage as Spring AI 1.1 reports it ({@code OpenAiApi.Usage} as native object),
 * for the benchmarks of the Boot 3.5 line.
 */
final class OpenAiUsages {

	private OpenAiUsages() {
	}

	static Usage of(int prompt, int completion, int cached, int reasoning) {
		OpenAiApi.Usage nativeUsage = new OpenAiApi.Usage(completion, prompt, prompt + completion,
				new OpenAiApi.Usage.PromptTokensDetails(0, cached),
				new OpenAiApi.Usage.CompletionTokenDetails(reasoning, 0, 0, 0));
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage);
	}

	/** The cached prompt tokens, as hand-written code reads them from the native usage. */
	static long cached(Usage usage) {
		return (usage.getNativeUsage() instanceof OpenAiApi.Usage openAi && openAi.promptTokensDetails() != null
				&& openAi.promptTokensDetails().cachedTokens() != null) ? openAi.promptTokensDetails().cachedTokens()
						: 0;
	}

}
