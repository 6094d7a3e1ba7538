package dev.agentmetrics.run;

import dev.agentmetrics.support.FailOpenLogger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

import org.springframework.lang.Nullable;

/**
 * Opens an {@link Observation} for each agent run, so that a tracer makes it the
 * {@code invoke_agent} span that parents the run's LLM and tool spans.
 *
 * @author agent-metrics
 */
public final class AgentRunObservations {

	/**
	 * The key of the current observation in a Reactor context: Micrometer's own, a
	 * compile-time constant, so that context-propagation need not be on the class path.
	 */
	public static final String REACTOR_CONTEXT_KEY = ObservationThreadLocalAccessor.KEY;

	private static final FailOpenLogger logger = new FailOpenLogger(AgentRunObservations.class);

	private static final DefaultAgentRunObservationConvention DEFAULT_CONVENTION = new DefaultAgentRunObservationConvention();

	private final ObservationRegistry registry;

	@Nullable
	private final AgentRunObservationConvention convention;

	/**
	 * Create an instance observing runs into the given registry.
	 * @param registry the registry
	 * @param convention the convention replacing the default one, if any
	 */
	public AgentRunObservations(ObservationRegistry registry, @Nullable AgentRunObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	/**
	 * Return whether runs are observed at all: not into a no-op registry.
	 * @return whether runs are observed
	 */
	public boolean isActive() {
		return !this.registry.isNoop();
	}

	/**
	 * Start observing a run.
	 * @param run the run
	 * @param parent the observation the run is part of, {@code null} for the registry's
	 * current one
	 * @return the started observation, a no-op one should starting fail
	 */
	Observation start(AgentRunContext run, @Nullable Observation parent) {
		try {
			Observation observation = AgentRunObservationDocumentation.AGENT_RUN.observation(this.convention,
					DEFAULT_CONVENTION, () -> new AgentRunObservationContext(run), this.registry);
			if (parent != null) {
				observation.parentObservation(parent);
			}
			return observation.start();
		}
		catch (Throwable ex) {
			logger.recordingFailed("starting the observation of an agent run", ex);
			return Observation.NOOP;
		}
	}

	/**
	 * Stop observing a run, once the run metrics finished it.
	 * @param observation the run's observation
	 * @param error what the run failed with, if anything
	 */
	void stop(Observation observation, @Nullable Throwable error) {
		try {
			if (error != null) {
				observation.error(error);
			}
			observation.stop();
		}
		catch (Throwable ex) {
			logger.recordingFailed("stopping the observation of an agent run", ex);
		}
	}

}
