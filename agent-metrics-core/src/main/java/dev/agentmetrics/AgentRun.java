package dev.agentmetrics;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method, or every public method of a class, as one run of an agent: agent-metrics
 * times it, counts it as active while it runs, and sums the cost and the LLM calls made
 * inside it. LLM calls inside a run are tagged with its agent unless they name one.
 *
 * <p>
 * A method returning {@code CompletableFuture}, {@code Mono} or {@code Flux} is a run until
 * its result completes, fails or is cancelled.
 *
 * @author agent-metrics
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AgentRun {

	/**
	 * The name of the agent, the {@code agent} tag of the run and of the LLM calls in it.
	 * @return the agent name
	 */
	String value();

}
