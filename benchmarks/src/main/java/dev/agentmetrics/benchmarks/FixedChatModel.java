package dev.agentmetrics.benchmarks;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * In-memory {@link ChatModel} that answers every prompt at once with
 * {@link Fixtures#RESPONSE}, with OpenAI's options type so that the provider is
 * {@code openai}.
 *
 * @author agent-metrics
 */
public final class FixedChatModel implements ChatModel {

	private final OpenAiChatOptions defaultOptions = Fixtures.defaultOptions();

	@Override
	public ChatResponse call(Prompt prompt) {
		return Fixtures.RESPONSE;
	}

	/** The options Spring AI 2.0's ChatClient starts requests from; Spring AI 1.1 has no such method. */
	public ChatOptions getOptions() {
		return getDefaultOptions();
	}

	@Override
	public ChatOptions getDefaultOptions() {
		// ChatClient copies these on every call, as it does a real model's.
		return this.defaultOptions;
	}

}
