package dev.agentmetrics.tracing;

import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRunObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;

/**
 * Adds the cost of an agent run to its {@code invoke_agent} span, as a double in
 * agent-metrics' own namespace (a {@code gen_ai.usage} attribute would be counted twice
 * by backends that sum the LLM spans under it), and the trace-level attributes Langfuse
 * reads (the run's agent, and the session and user the application named) to every span
 * of the run, which {@link AgentRunObservationHandler} linked to it.
 *
 * @author agent-metrics
 */
public final class AgentRunSpanFilter extends SpanFilter<Observation.Context> {

	/**
	 * Create a filter.
	 */
	public AgentRunSpanFilter() {
		super(Observation.Context.class, "adding an agent run to a span");
	}

	@Override
	void enrich(Observation.Context context, Span span) {
		if (context instanceof AgentRunObservationContext run) {
			span.tag(GenAiSpanAttributes.RUN_COST, run.getCost());
			span.tag(GenAiSpanAttributes.LANGFUSE_OBSERVATION_TYPE, "agent");
		}
		AgentRunContext run = context.get(AgentRunContext.class);
		if (run != null) {
			span.tag(GenAiSpanAttributes.LANGFUSE_TRACE_NAME, run.agent());
			if (run.sessionId() != null) {
				span.tag(GenAiSpanAttributes.LANGFUSE_SESSION_ID, run.sessionId());
			}
			if (run.userId() != null) {
				span.tag(GenAiSpanAttributes.LANGFUSE_USER_ID, run.userId());
			}
		}
	}

}
