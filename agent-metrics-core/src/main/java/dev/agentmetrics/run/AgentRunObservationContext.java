package dev.agentmetrics.run;

import dev.agentmetrics.error.ErrorKind;
import io.micrometer.observation.Observation;

import org.springframework.lang.Nullable;

/**
 * The {@link Observation.Context} of one agent run: what the {@code invoke_agent} span of
 * the run is made of.
 *
 * @author agent-metrics
 */
public class AgentRunObservationContext extends Observation.Context {

	private final AgentRunContext run;

	/**
	 * Create a context for the given run.
	 * @param run the run
	 */
	public AgentRunObservationContext(AgentRunContext run) {
		this.run = run;
	}

	/**
	 * Return the run this context observes.
	 * @return the run
	 */
	public AgentRunContext getRun() {
		return this.run;
	}

	/**
	 * Return the agent of the run.
	 * @return the agent name
	 */
	public String getAgent() {
		return this.run.agent();
	}

	/**
	 * Return the provider that served every LLM call of the run.
	 * @return the provider, or {@code null} when none or several did
	 */
	@Nullable
	public String getProvider() {
		return this.run.provider();
	}

	/**
	 * Return the cost of the run's LLM calls so far.
	 * @return the cost in USD
	 */
	public double getCost() {
		return this.run.cost();
	}

	/**
	 * Return the kind of error the run failed with, once it is finished.
	 * @return the kind, or {@code null}
	 */
	@Nullable
	public ErrorKind getErrorKind() {
		return this.run.errorKind();
	}

}
