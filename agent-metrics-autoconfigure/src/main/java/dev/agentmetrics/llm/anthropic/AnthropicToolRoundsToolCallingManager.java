package dev.agentmetrics.llm.anthropic;

import java.util.List;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.lang.Nullable;

/**
 * Decorates Spring AI 1.1's {@link ToolCallingManager} to report the usage of each round of
 * an Anthropic tool loop that asked for tools, read from the Anthropic response the round's
 * {@link ChatResponse} keeps, to the call that caused it. Spring AI 1.1's
 * {@code AnthropicApi} is final, so the rounds cannot be read at the API as OpenAI's are,
 * and its chat model merges their usage without the cache reads and writes from the
 * second round on; the round that answers is read from the call's response.
 *
 * @author agent-metrics
 */
public final class AnthropicToolRoundsToolCallingManager implements ToolCallingManager {

	private static final FailOpenLogger logger = new FailOpenLogger(AnthropicToolRoundsToolCallingManager.class);

	private final ToolCallingManager delegate;

	private final AnthropicUsageReader reader = new AnthropicUsageReader();

	/**
	 * Create a decorator.
	 * @param delegate the manager that executes the tools
	 */
	public AnthropicToolRoundsToolCallingManager(ToolCallingManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		report(prompt, chatResponse);
		return this.delegate.executeToolCalls(prompt, chatResponse);
	}

	private void report(Prompt prompt, ChatResponse chatResponse) {
		try {
			TokenUsage usage = this.reader.readOwn(chatResponse);
			LlmCall call = (usage != null) ? call(prompt) : null;
			if (call != null) {
				call.toolRound(usage);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of an Anthropic tool round", ex);
		}
	}

	/** The call of a blocking loop is its thread's; a stream's names itself in the tool context. */
	@Nullable
	private static LlmCall call(Prompt prompt) {
		LlmCall call = LlmCall.current();
		if (call == null && prompt.getOptions() instanceof ToolCallingChatOptions options
				&& options.getToolContext() != null
				&& options.getToolContext().get(LlmCall.CONTEXT_KEY) instanceof LlmCall streamCall) {
			call = streamCall;
		}
		return call;
	}

}
