package dev.agentmetrics.tool;

import java.util.List;

import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * How this Spring AI line gives chat options other tool callbacks or tool context: Spring
 * AI 2.0's options are immutable, so a changed copy is built from them.
 *
 * @author agent-metrics
 */
public final class ToolOptions {

	private ToolOptions() {
	}

	/**
	 * Return a copy of the given options with the given tool callbacks.
	 * @param options the options, left as they are
	 * @param toolCallbacks the tool callbacks of the copy
	 * @return the copy
	 */
	public static ToolCallingChatOptions withToolCallbacks(ToolCallingChatOptions options, List<ToolCallback> toolCallbacks) {
		return (ToolCallingChatOptions) options.mutate().toolCallbacks(toolCallbacks).build();
	}

	/**
	 * Return a copy of the given options with one more tool-context entry.
	 * @param options the options, left as they are
	 * @param key the key of the entry
	 * @param value the value of the entry
	 * @return the copy
	 */
	public static ToolCallingChatOptions withToolContext(ToolCallingChatOptions options, String key, Object value) {
		return (ToolCallingChatOptions) options.mutate().toolContext(key, value).build();
	}

}
