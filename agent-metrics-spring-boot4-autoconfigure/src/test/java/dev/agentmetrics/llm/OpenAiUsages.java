package dev.agentmetrics.llm;

import com.openai.models.completions.CompletionUsage;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;

/**
 * Usage as Spring AI 2.0's OpenAI client reports it: the OpenAI SDK's
 * {@link CompletionUsage} as its native object, and the cache reads in the usage itself.
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

}
