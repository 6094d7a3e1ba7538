package dev.agentmetrics.llm;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * OpenAI's usage as Spring AI 1.1 reports it ({@code OpenAiApi.Usage} as native object),
 * for the tests and the benchmarks of the Boot 3.5 line (which compile this directory:
 * nothing here may need more than Spring AI's OpenAI client).
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
		OpenAiApi.Usage nativeUsage = new OpenAiApi.Usage(completion, prompt, prompt + completion,
				new OpenAiApi.Usage.PromptTokensDetails(0, cached),
				new OpenAiApi.Usage.CompletionTokenDetails(reasoning, 0, 0, 0));
		return new DefaultUsage(prompt, completion, prompt + completion, nativeUsage);
	}

	/**
	 * Return the cached prompt tokens, as hand-written code reads them from the native usage.
	 * @param usage the usage
	 * @return the cached prompt tokens, 0 when the native usage has none
	 */
	public static long cached(Usage usage) {
		return (usage.getNativeUsage() instanceof OpenAiApi.Usage openAi && openAi.promptTokensDetails() != null
				&& openAi.promptTokensDetails().cachedTokens() != null) ? openAi.promptTokensDetails().cachedTokens()
						: 0;
	}

}
