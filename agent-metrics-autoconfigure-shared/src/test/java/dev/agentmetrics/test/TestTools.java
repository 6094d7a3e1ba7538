package dev.agentmetrics.test;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

/**
 * Tool callbacks for tests.
 */
public final class TestTools {

	private TestTools() {
	}

	/**
	 * Return a tool of the given name that answers "ok" and counts its calls.
	 * @param name the tool name
	 * @param calls the counter of calls
	 * @return the tool
	 */
	public static ToolCallback named(String name, AtomicInteger calls) {
		return new ToolCallback() {
			@Override
			public ToolDefinition getToolDefinition() {
				return DefaultToolDefinition.builder().name(name).description("A test tool").inputSchema("{}").build();
			}

			@Override
			public String call(String toolInput) {
				calls.incrementAndGet();
				return "ok";
			}
		};
	}

	/**
	 * Return a tool of the given name that answers "ok".
	 * @param name the tool name
	 * @return the tool
	 */
	public static ToolCallback named(String name) {
		return named(name, new AtomicInteger());
	}

}
