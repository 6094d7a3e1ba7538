package dev.agentmetrics.tracing;

import dev.agentmetrics.run.AgentRunObservationContext;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Keeps Boot's meter handler from timing agent-run observations: agent-metrics records
 * runs in its own meters ({@code agent.runs} and the others), whether or not traces are
 * on, and the run observation exists only for its span.
 *
 * <p>
 * Boot applies the first meter handler that supports an observation; this one, ordered
 * first, takes agent runs and records nothing.
 *
 * @author agent-metrics
 */
public final class AgentRunMeterObservationHandler implements MeterObservationHandler<AgentRunObservationContext> {

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext;
	}

}
