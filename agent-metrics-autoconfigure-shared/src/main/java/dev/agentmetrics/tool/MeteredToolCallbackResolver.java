package dev.agentmetrics.tool;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.lang.Nullable;

/**
 * Decorates Spring AI's {@link ToolCallbackResolver} so that tools resolved by name are
 * recorded by {@link ToolMetrics} too.
 *
 * @author agent-metrics
 */
public final class MeteredToolCallbackResolver implements ToolCallbackResolver {

	private final ToolCallbackResolver delegate;

	private final ToolMetrics metrics;

	/**
	 * Create a decorator.
	 * @param delegate the resolver that finds the tools
	 * @param metrics the metrics to record with
	 */
	public MeteredToolCallbackResolver(ToolCallbackResolver delegate, ToolMetrics metrics) {
		this.delegate = delegate;
		this.metrics = metrics;
	}

	@Override
	@Nullable
	public ToolCallback resolve(String toolName) {
		return MeteredToolCallback.of(this.delegate.resolve(toolName), this.metrics);
	}

}
