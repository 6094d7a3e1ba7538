package dev.agentmetrics.tool;

import java.util.List;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.lang.Nullable;

/**
 * The ids the model gave the tool calls of the round whose tools run on this thread, for
 * their spans: Spring AI 1.1's tool observations do not carry them.
 *
 * @author agent-metrics
 */
public final class ToolCallIds {

	private static final ThreadLocal<Pending> PENDING = new ThreadLocal<>();

	private ToolCallIds() {
	}

	/**
	 * Return the id of the next call of the given tool in the round running on this
	 * thread, taking it: a round that calls a tool twice gives each call its own id, in
	 * the order the model asked for them, as Spring AI runs them.
	 * @param toolName the tool's name
	 * @return the id, or {@code null} when unknown
	 */
	@Nullable
	public static String take(String toolName) {
		Pending pending = PENDING.get();
		return (pending != null) ? pending.take(toolName) : null;
	}

	/**
	 * Make the tool calls a response asks for those of this thread, until the returned
	 * handle is closed.
	 * @param response the response that asks for tools
	 * @return the handle that restores the calls known before
	 */
	static Handle open(ChatResponse response) {
		Pending previous = PENDING.get();
		List<AssistantMessage.ToolCall> calls = toolCalls(response);
		PENDING.set((calls != null) ? new Pending(calls) : null);
		return () -> PENDING.set(previous);
	}

	@Nullable
	private static List<AssistantMessage.ToolCall> toolCalls(ChatResponse response) {
		// The generation Spring AI's tool-calling manager executes: the first with calls.
		for (Generation generation : response.getResults()) {
			List<AssistantMessage.ToolCall> calls = generation.getOutput().getToolCalls();
			if (calls != null && !calls.isEmpty()) {
				return calls;
			}
		}
		return null;
	}

	/**
	 * Restores the tool calls known before {@link #open(ChatResponse)}.
	 */
	@FunctionalInterface
	interface Handle extends AutoCloseable {

		@Override
		void close();

	}

	private static final class Pending {

		private final List<AssistantMessage.ToolCall> calls;

		private final boolean[] taken;

		Pending(List<AssistantMessage.ToolCall> calls) {
			this.calls = calls;
			this.taken = new boolean[calls.size()];
		}

		@Nullable
		String take(String toolName) {
			for (int i = 0; i < this.calls.size(); i++) {
				if (!this.taken[i] && toolName.equals(this.calls.get(i).name())) {
					this.taken[i] = true;
					return this.calls.get(i).id();
				}
			}
			return null;
		}

	}

}
