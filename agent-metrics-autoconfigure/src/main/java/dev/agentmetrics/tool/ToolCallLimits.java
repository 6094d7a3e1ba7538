package dev.agentmetrics.tool;

import org.springframework.lang.Nullable;

/**
 * Which tool call a Spring AI tool-call limit refused: none on Spring AI 1.1, which has no
 * tool-call limits.
 *
 * @author agent-metrics
 */
final class ToolCallLimits {

	private ToolCallLimits() {
	}

	/**
	 * Return the tool whose call the given failure refused for a tool-call limit.
	 * @param failure what the tool-calling manager threw
	 * @return the tool, or {@code null} when the failure is no tool-call limit
	 */
	@Nullable
	static String refusedTool(RuntimeException failure) {
		return null;
	}

}
