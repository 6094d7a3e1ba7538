package dev.agentmetrics.tracing;

import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRunObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;

/**
 * Links every observation started inside an agent run to the run, for
 * {@link AgentRunSpanFilter} to tag its span: through its parent observation, else through
 * the run current on the thread that starts it. The second way matters because Spring AI
 * starts a streaming ChatClient call's observation with the parent its Reactor context
 * carries, none when a blocking run subscribes to the stream, though the tracer still
 * parents its span to the run's.
 *
 * @author agent-metrics
 */
public final class AgentRunObservationHandler implements ObservationHandler<Observation.Context> {

	@Override
	public void onStart(Observation.Context context) {
		AgentRunContext run = (context instanceof AgentRunObservationContext own) ? own.getRun() : parentRun(context);
		if (run == null) {
			run = AgentRunContext.current();
		}
		if (run != null) {
			context.put(AgentRunContext.class, run);
		}
	}

	private static AgentRunContext parentRun(Observation.Context context) {
		ObservationView parent = context.getParentObservation();
		return (parent != null) ? parent.getContextView().get(AgentRunContext.class) : null;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

}
