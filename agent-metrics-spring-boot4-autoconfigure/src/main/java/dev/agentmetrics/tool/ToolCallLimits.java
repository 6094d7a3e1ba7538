package dev.agentmetrics.tool;

import org.springframework.ai.model.tool.ToolCallLimitExceededException;
import org.springframework.lang.Nullable;

/**
 * Which tool call a Spring AI 2.0 tool-call limit ({@code spring.ai.tools.limits.*})
 * refused: Spring AI's tool-calling manager throws a
 * {@link ToolCallLimitExceededException} naming it.
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
		return (failure instanceof ToolCallLimitExceededException limit) ? limit.getToolName() : null;
	}

}
