package dev.agentmetrics.llm;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.openai.api.OpenAiApi;

/**
 * Usage as Spring AI 1.1's OpenAI client reports it, with {@code OpenAiApi.Usage} as its
 * native object.
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

}
