package dev.agentmetrics.sample.support;

import reactor.core.publisher.Flux;

import dev.agentmetrics.AgentRun;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Service;

/**
 * A customer-support agent: a {@link ChatClient} with a system prompt and the
 * {@link SupportTools}. Each question is one {@link AgentRun run} of the agent
 * {@value #AGENT_NAME}, and the LLM calls made in it carry that agent name.
 *
 * @author agent-metrics
 */
@Service
public class SupportAgent {

	/** The agent name, which becomes the {@code agent} tag of the metrics. */
	public static final String AGENT_NAME = "support";

	static final String SYSTEM_PROMPT = """
			You are the customer-support agent of Acme Shop, an online store.
			Answer briefly and politely. Use the tools to look up orders, track shipments and
			check refunds; never invent order data. If you need an order number, ask for it.
			""";

	private final ChatClient chatClient;

	/**
	 * Create the agent from Spring Boot's auto-configured builder, which agent-metrics has
	 * already given its advisor.
	 * @param chatClientBuilder the auto-configured builder
	 * @param tools the tools the agent may call
	 */
	public SupportAgent(ChatClient.Builder chatClientBuilder, SupportTools tools) {
		this.chatClient = chatClientBuilder.defaultSystem(SYSTEM_PROMPT).defaultTools(tools).build();
	}

	/**
	 * Answer a question.
	 * @param question the customer's question
	 * @param model the model to use instead of the configured one, or {@code null}
	 * @return the answer
	 */
	@AgentRun(AGENT_NAME)
	public String ask(String question, @Nullable String model) {
		String answer = prompt(question, model).call().content();
		return (answer != null) ? answer : "";
	}

	/**
	 * Answer a question as a stream of text fragments.
	 * @param question the customer's question
	 * @param model the model to use instead of the configured one, or {@code null}
	 * @return the answer, fragment by fragment
	 */
	@AgentRun(AGENT_NAME)
	public Flux<String> askStream(String question, @Nullable String model) {
		return prompt(question, model).stream().content();
	}

	private ChatClient.ChatClientRequestSpec prompt(String question, @Nullable String model) {
		if (model == null || model.isBlank()) {
			return this.chatClient.prompt().user(question);
		}
		// Through a Prompt, whose options are the same ChatOptions on Spring AI 1.1 and 2.0
		// (the request spec takes options on 1.1, an options builder on 2.0). Reasoning models
		// such as o4-mini accept only the default temperature, 1.
		return this.chatClient.prompt(new Prompt(question, ChatOptions.builder().model(model).temperature(1.0).build()));
	}

}
