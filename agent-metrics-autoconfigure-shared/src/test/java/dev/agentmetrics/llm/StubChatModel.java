package dev.agentmetrics.llm;

import java.util.List;
import java.util.function.Function;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;

/**
 * In-memory chat model whose answers a test scripts, with OpenAI's options type so that
 * the provider is {@code openai}.
 */
public class StubChatModel implements ChatModel {

	private Function<Prompt, ChatResponse> call = (prompt) -> response("Hi", "gpt-4o-mini", null);

	private Function<Prompt, Flux<ChatResponse>> stream = (prompt) -> Flux.empty();

	private String model = "gpt-4o-mini";

	/**
	 * Set the model of the default options, which ChatClient requests ask for.
	 * @param model the model
	 * @return this stub
	 */
	public StubChatModel model(String model) {
		this.model = model;
		return this;
	}

	public StubChatModel answer(ChatResponse response) {
		this.call = (prompt) -> response;
		return this;
	}

	public StubChatModel answer(Function<Prompt, ChatResponse> call) {
		this.call = call;
		return this;
	}

	public StubChatModel stream(Flux<ChatResponse> chunks) {
		this.stream = (prompt) -> chunks;
		return this;
	}

	@Override
	public ChatResponse call(Prompt prompt) {
		return this.call.apply(prompt);
	}

	@Override
	public Flux<ChatResponse> stream(Prompt prompt) {
		return this.stream.apply(prompt);
	}

	/**
	 * The options Spring AI 2.0's ChatClient starts every request from; Spring AI 1.1 has
	 * no such method and uses {@link #getDefaultOptions()}.
	 * @return the options
	 */
	public ChatOptions getOptions() {
		return getDefaultOptions();
	}

	@Override
	public ChatOptions getDefaultOptions() {
		return OpenAiChatOptions.builder().model(this.model).build();
	}

	public static ChatResponse response(String text, String model, Usage usage) {
		return response(text, model, usage, "STOP");
	}

	public static ChatResponse response(String text, String model, Usage usage, String finishReason) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(model);
		if (usage != null) {
			metadata.usage(usage);
		}
		Generation generation = new Generation(new AssistantMessage(text),
				ChatGenerationMetadata.builder().finishReason(finishReason).build());
		return new ChatResponse(List.of(generation), metadata.build());
	}

	public static ChatResponse usageOnly(String model, Usage usage) {
		return new ChatResponse(List.of(), ChatResponseMetadata.builder().model(model).usage(usage).build());
	}

	public static Usage openAiUsage(int prompt, int completion, int cached, int reasoning) {
		return OpenAiUsages.of(prompt, completion, cached, reasoning);
	}

}
