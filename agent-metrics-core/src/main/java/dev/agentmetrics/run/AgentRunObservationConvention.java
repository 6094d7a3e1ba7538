package dev.agentmetrics.run;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * An {@link ObservationConvention} for agent runs; declare a bean of this type to change
 * their names or key values.
 *
 * @author agent-metrics
 */
public interface AgentRunObservationConvention extends ObservationConvention<AgentRunObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof AgentRunObservationContext;
	}

}
