package dev.agentmetrics.llm;

import java.util.List;

import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.lang.Nullable;

/**
 * Decorates Spring AI 1.1's {@link ToolCallingManager}, which the chat models call between
 * the rounds of their internal tool loops, to tell the call that caused a round what the
 * round billed before its tools run, and to refuse the loop's next round there when the
 * call's budget is spent.
 *
 * <p>
 * A round's usage is read from the response the round's {@link ChatResponse} keeps where
 * a {@link UsageReader} can (Anthropic: Spring AI 1.1's {@code AnthropicApi} is final, so
 * its rounds cannot be read at the API as OpenAI's are). For chat models whose rounds no
 * integration reads (Gemini, and every other provider), the usage Spring AI merged over
 * the rounds so far goes to the spend budgets only: the counters read the call's response,
 * as before, and the budgets end with the same total.
 *
 * @author agent-metrics
 */
public final class ToolRoundsToolCallingManager implements ToolCallingManager {

	private static final FailOpenLogger logger = new FailOpenLogger(ToolRoundsToolCallingManager.class);

	private final ToolCallingManager delegate;

	@Nullable
	private final UsageResolver ownUsage;

	/**
	 * Create a decorator.
	 * @param delegate the manager that executes the tools
	 * @param readers the readers of the usage of one round's own response, none to count
	 * the rounds as Spring AI merges them
	 */
	public ToolRoundsToolCallingManager(ToolCallingManager delegate, List<UsageReader> readers) {
		this.delegate = delegate;
		this.ownUsage = readers.isEmpty() ? null : new UsageResolver(readers);
	}

	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		LlmCall call = call(prompt);
		if (call != null) {
			report(call, chatResponse);
			// Before the tools: their results would only feed a request that is refused.
			call.checkBeforeRound();
		}
		return this.delegate.executeToolCalls(prompt, chatResponse);
	}

	private void report(LlmCall call, ChatResponse chatResponse) {
		try {
			TokenUsage own = (this.ownUsage != null) ? this.ownUsage.readOwn(chatResponse) : null;
			if (own != null) {
				call.toolRound(own);
			}
			else if (!call.hasRounds()) {
				TokenUsage merged = UsageResolver.merged(chatResponse);
				if (merged != null) {
					call.billedSoFar(merged);
				}
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of a tool round", ex);
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
