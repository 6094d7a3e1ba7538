package dev.agentmetrics.tool;

import java.util.ArrayList;
import java.util.List;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.support.FailOpenLogger;
import io.micrometer.observation.Observation;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.lang.Nullable;

/**
 * Decorates Spring AI's {@link ToolCallingManager} so that every tool it executes, the
 * chat models' internal tool loops included, is recorded by {@link ToolMetrics}.
 *
 * @author agent-metrics
 */
public final class MeteredToolCallingManager implements ToolCallingManager {

	private static final FailOpenLogger logger = new FailOpenLogger(MeteredToolCallingManager.class);

	private final ToolCallingManager delegate;

	private final ToolMetrics metrics;

	/**
	 * Create a decorator.
	 * @param delegate the manager that executes the tools
	 * @param metrics the metrics to record with
	 */
	public MeteredToolCallingManager(ToolCallingManager delegate, ToolMetrics metrics) {
		this.delegate = delegate;
		this.metrics = metrics;
	}

	@Override
	public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
		return this.delegate.resolveToolDefinitions(chatOptions);
	}

	@Override
	public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
		try (ToolCallIds.Handle ids = ToolCallIds.open(chatResponse);
				Observation.Scope scope = streamRoundScope(prompt)) {
			return this.delegate.executeToolCalls(metered(prompt), chatResponse);
		}
		catch (RuntimeException ex) {
			String refusedTool = ToolCallLimits.refusedTool(ex);
			if (refusedTool != null) {
				this.metrics.refused(refusedTool, ex,
						(prompt.getOptions() instanceof ToolCallingChatOptions options) ? options.getToolContext() : null);
			}
			throw ex;
		}
	}

	/**
	 * The scope of the observation of the stream round whose tools these are, for their
	 * spans to have it as parent: Spring AI 1.1 runs a stream's tools on another thread
	 * without it, which left each tool span the root of a trace of its own.
	 */
	@Nullable
	private static Observation.Scope streamRoundScope(Prompt prompt) {
		try {
			if (prompt.getOptions() instanceof ToolCallingChatOptions options && options.getToolContext() != null
					&& options.getToolContext().get(LlmCall.CONTEXT_KEY) instanceof LlmCall call) {
				Observation observation = call.streamRoundObservation();
				return (observation != null) ? observation.openScope() : null;
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("parenting the spans of a stream's tools", ex);
		}
		return null;
	}

	private Prompt metered(Prompt prompt) {
		if (!(prompt.getOptions() instanceof ToolCallingChatOptions options) || options.getToolCallbacks().isEmpty()) {
			return prompt;
		}
		List<ToolCallback> tools = new ArrayList<>(options.getToolCallbacks().size());
		for (ToolCallback tool : options.getToolCallbacks()) {
			tools.add(MeteredToolCallback.of(tool, this.metrics));
		}
		// A copy: the model reuses the original options for its next round.
		return new Prompt(prompt.getInstructions(), ToolOptions.withToolCallbacks(options, tools));
	}

}
