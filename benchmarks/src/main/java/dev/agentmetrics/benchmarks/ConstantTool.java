package dev.agentmetrics.benchmarks;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Tool that answers every call with the same text, so that only what wraps it is measured.
 *
 * @author agent-metrics
 */
public final class ConstantTool implements ToolCallback {

	private final ToolDefinition definition;

	private final String result;

	/**
	 * Create a tool.
	 * @param name the tool name
	 * @param result the result of every call
	 */
	public ConstantTool(String name, String result) {
		this.definition = ToolDefinition.builder()
			.name(name)
			.description("Answers " + result)
			.inputSchema("{\"type\":\"object\"}")
			.build();
		this.result = result;
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.definition;
	}

	@Override
	public String call(String toolInput) {
		return this.result;
	}

}
