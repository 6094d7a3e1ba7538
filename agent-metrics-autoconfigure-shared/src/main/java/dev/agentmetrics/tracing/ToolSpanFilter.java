package dev.agentmetrics.tracing;

import dev.agentmetrics.tool.ToolCallIds;
import io.micrometer.tracing.Span;

import org.springframework.ai.tool.observation.ToolCallingObservationContext;

/**
 * Adds OpenTelemetry's GenAI tool attributes to the span of each tool call Spring AI
 * makes: the tool's name and the id the model gave the call, and its arguments and result
 * only when content capture is on. Spans are named {@code execute_tool <tool>} on both
 * Spring AI lines (1.1 names them {@code tool_call <tool>}).
 *
 * @author agent-metrics
 */
public final class ToolSpanFilter extends SpanFilter<ToolCallingObservationContext> {

	private static final String EXECUTE_TOOL = "execute_tool";

	private final boolean captureContent;

	/**
	 * Create a filter.
	 * @param captureContent whether to add the calls' arguments and results
	 */
	public ToolSpanFilter(boolean captureContent) {
		super(ToolCallingObservationContext.class, "adding a tool call to its span");
		this.captureContent = captureContent;
	}

	@Override
	void enrich(ToolCallingObservationContext context, Span span) {
		String name = context.getToolDefinition().name();
		span.tag(GenAiSpanAttributes.TOOL_NAME, name);
		span.tag(GenAiSpanAttributes.LANGFUSE_OBSERVATION_TYPE, "tool");
		String id = ToolCallIds.take(name);
		if (id != null) {
			span.tag(GenAiSpanAttributes.TOOL_CALL_ID, id);
		}
		String contextualName = context.getContextualName();
		if (contextualName == null || !contextualName.startsWith(EXECUTE_TOOL)) {
			context.setContextualName(EXECUTE_TOOL + " " + name);
		}
		if (this.captureContent) {
			if (context.getToolCallArguments() != null) {
				span.tag(GenAiSpanAttributes.TOOL_CALL_ARGUMENTS, context.getToolCallArguments());
			}
			if (context.getToolCallResult() != null) {
				span.tag(GenAiSpanAttributes.TOOL_CALL_RESULT, context.getToolCallResult());
			}
		}
	}

}
