package dev.agentmetrics.tool;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.metadata.ToolMetadata;
import org.springframework.lang.Nullable;

/**
 * A {@link ToolCallback} whose calls {@link ToolMetrics} records.
 *
 * @author agent-metrics
 */
public final class MeteredToolCallback implements ToolCallback {

	private final ToolCallback delegate;

	private final ToolMetrics metrics;

	private MeteredToolCallback(ToolCallback delegate, ToolMetrics metrics) {
		this.delegate = delegate;
		this.metrics = metrics;
	}

	/**
	 * Return the given tool, recorded; a tool already recorded is returned as it is.
	 * @param tool the tool, may be {@code null}
	 * @param metrics the metrics to record with
	 * @return the recorded tool, or {@code null}
	 */
	@Nullable
	public static ToolCallback of(@Nullable ToolCallback tool, ToolMetrics metrics) {
		if (tool == null || tool instanceof MeteredToolCallback) {
			return tool;
		}
		return new MeteredToolCallback(tool, metrics);
	}

	@Override
	public ToolDefinition getToolDefinition() {
		return this.delegate.getToolDefinition();
	}

	@Override
	public ToolMetadata getToolMetadata() {
		return this.delegate.getToolMetadata();
	}

	@Override
	public String call(String toolInput) {
		return this.metrics.call(this.delegate, toolInput, null);
	}

	@Override
	public String call(String toolInput, @Nullable ToolContext toolContext) {
		return this.metrics.call(this.delegate, toolInput, toolContext);
	}

}
