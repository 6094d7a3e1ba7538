package dev.agentmetrics.tool;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;

/**
 * How this Spring AI line gives chat options other tool callbacks or tool context: Spring
 * AI 1.1's options are mutable, so a copy is changed.
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
		ToolCallingChatOptions copy = (ToolCallingChatOptions) options.copy();
		copy.setToolCallbacks(toolCallbacks);
		return copy;
	}

	/**
	 * Return a copy of the given options with one more tool-context entry.
	 * @param options the options, left as they are
	 * @param key the key of the entry
	 * @param value the value of the entry
	 * @return the copy
	 */
	public static ToolCallingChatOptions withToolContext(ToolCallingChatOptions options, String key, Object value) {
		ToolCallingChatOptions copy = (ToolCallingChatOptions) options.copy();
		Map<String, Object> context = (copy.getToolContext() != null) ? new HashMap<>(copy.getToolContext())
				: new HashMap<>();
		context.put(key, value);
		copy.setToolContext(context);
		return copy;
	}

}
