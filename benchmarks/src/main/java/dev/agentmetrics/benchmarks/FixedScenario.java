package dev.agentmetrics.benchmarks;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.OpenAiUsages;
import dev.agentmetrics.tool.MeteredToolCallback;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
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
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.lang.Nullable;

/**
 * The fixed scenario of the autoconfigure module's {@code SeriesBillTests}, for one agent
 * and one model, recorded through the starter's recorders: two runs (one failing), inside
 * them blocking and streamed calls and tool calls (one tool failing), then blocking calls
 * and streams failing with a rate limit and a server error, and one stream its caller
 * cancels after the first chunk.
 *
 * @author agent-metrics
 */
final class FixedScenario {

	/** Models of the scaled scenario, all with a built-in price; the first is SeriesBillTests'. */
	static final List<String> MODELS = List.of("gpt-4o-mini", "gpt-4.1-mini", "gpt-5-mini", "gpt-4o", "o4-mini");

	private static final String OK = "ok";

	private static final String RATE_LIMITED = "rate-limited";

	private static final String BROKEN = "broken";

	private FixedScenario() {
	}

	/**
	 * Run the scenario once for an agent and a model.
	 * @param starter the starter's recorders
	 * @param agent the agent
	 * @param model the model, requested and answering
	 */
	static void run(Fixtures.Starter starter, String agent, String model) {
		ToolCallback lookup = MeteredToolCallback.of(new ConstantTool("lookupOrder", "ok"), starter.tools());
		ToolCallback refund = MeteredToolCallback.of(new FailingTool("refund"), starter.tools());
		ChatClient client = ChatClient.builder(new ScenarioModel(model))
			.defaultAdvisors(starter.advisor())
			.defaultAdvisors((advisors) -> advisors.param(AgentMetrics.AGENT, agent))
			.build();
		starter.runs().run(agent, () -> {
			client.prompt(OK).call().content();
			lookup.call("{\"id\":1}");
			lookup.call("{\"id\":2}");
			client.prompt(OK).stream().content().blockLast();
		});
		fails(() -> starter.runs().run(agent, () -> {
			fails(() -> refund.call("{\"id\":3}"), "the refund tool");
			client.prompt(RATE_LIMITED).call().content();
		}), "the second run");
		fails(() -> client.prompt(BROKEN).call().content(), "a blocking call answered by a server error");
		fails(() -> client.prompt(RATE_LIMITED).stream().content().blockLast(), "a rate-limited stream");
		fails(() -> client.prompt(BROKEN).stream().content().blockLast(), "a stream answered by a server error");
		// A caller that stops reading after the first chunk cancels the stream.
		client.prompt(OK).stream().content().take(1).blockLast();
		client.prompt(OK).call().content();
	}

	private static void fails(Runnable work, String what) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			return;
		}
		Checks.check(false, what + " did not fail");
	}

	private static ChatResponse response(String text, String model, @Nullable Usage usage,
			@Nullable String finishReason) {
		ChatResponseMetadata.Builder metadata = ChatResponseMetadata.builder().model(model);
		if (usage != null) {
			metadata.usage(usage);
		}
		Generation generation = new Generation(new AssistantMessage(text),
				ChatGenerationMetadata.builder().finishReason(finishReason).build());
		return new ChatResponse(List.of(generation), metadata.build());
	}

	private static Usage openAiUsage(int prompt, int completion, int cached) {
		return OpenAiUsages.of(prompt, completion, cached, 0);
	}

	/**
	 * A model with OpenAI's options answering as SeriesBillTests' stubs do: {@code ok} with
	 * an answer (streamed in two chunks, usage on the last), {@code rate-limited} with HTTP
	 * 429, {@code broken} with HTTP 500.
	 */
	private static final class ScenarioModel implements ChatModel {

		private final String model;

		private final OpenAiChatOptions options;

		ScenarioModel(String model) {
			this.model = model;
			this.options = OpenAiChatOptions.builder().model(model).build();
		}

		@Override
		public ChatResponse call(Prompt prompt) {
			return switch (prompt.getUserMessage().getText()) {
				case RATE_LIMITED -> throw rateLimited();
				case BROKEN -> throw broken();
				default -> response("Hello", this.model, openAiUsage(100, 10, 0), "STOP");
			};
		}

		@Override
		public Flux<ChatResponse> stream(Prompt prompt) {
			return switch (prompt.getUserMessage().getText()) {
				case RATE_LIMITED -> Flux.error(rateLimited());
				case BROKEN -> Flux.error(broken());
				default -> Flux.just(response("Hel", this.model, null, null),
						response("lo", this.model, openAiUsage(120, 8, 64), "STOP"));
			};
		}

		/** The options Spring AI 2.0's ChatClient starts requests from; Spring AI 1.1 has no such method. */
		public ChatOptions getOptions() {
			return getDefaultOptions();
		}

		@Override
		public ChatOptions getDefaultOptions() {
			return this.options;
		}

		private static RuntimeException rateLimited() {
			return new NonTransientAiException("HTTP 429 - Too Many Requests");
		}

		private static RuntimeException broken() {
			return new TransientAiException("HTTP 500 - Internal Server Error");
		}

	}

	/** A tool that always fails, as SeriesBillTests' refund tool. */
	private static final class FailingTool implements ToolCallback {

		private final ConstantTool definition;

		FailingTool(String name) {
			this.definition = new ConstantTool(name, "");
		}

		@Override
		public ToolDefinition getToolDefinition() {
			return this.definition.getToolDefinition();
		}

		@Override
		public String call(String toolInput) {
			throw new IllegalStateException("refunds are closed");
		}

	}

}
