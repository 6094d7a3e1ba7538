package dev.agentmetrics.run;

import dev.agentmetrics.AgentRun;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

/**
 * Records every call of an {@link AgentRun @AgentRun} method, or of a public method of an
 * {@code @AgentRun} class, as one run.
 *
 * @author agent-metrics
 */
@Aspect
public class AgentRunAspect {

	private final AgentRuns runs;

	/**
	 * Create an aspect recording runs with the given API.
	 * @param runs the runs API
	 */
	public AgentRunAspect(AgentRuns runs) {
		this.runs = runs;
	}

	/**
	 * Record a call of an annotated method.
	 * @param joinPoint the call
	 * @param agentRun the annotation
	 * @return the method's result
	 * @throws Throwable what the method throws
	 */
	@Around(value = "execution(* *(..)) && @annotation(agentRun)", argNames = "joinPoint,agentRun")
	public Object aroundAnnotatedMethod(ProceedingJoinPoint joinPoint, AgentRun agentRun) throws Throwable {
		return run(joinPoint, agentRun);
	}

	/**
	 * Record a call of a public method of an annotated class.
	 * @param joinPoint the call
	 * @param agentRun the annotation
	 * @return the method's result
	 * @throws Throwable what the method throws
	 */
	@Around(value = "execution(public * *(..)) && @within(agentRun) && !@annotation(dev.agentmetrics.AgentRun)",
			argNames = "joinPoint,agentRun")
	public Object aroundMethodOfAnnotatedType(ProceedingJoinPoint joinPoint, AgentRun agentRun) throws Throwable {
		return run(joinPoint, agentRun);
	}

	private Object run(ProceedingJoinPoint joinPoint, AgentRun agentRun) throws Throwable {
		Class<?> returnType = ((MethodSignature) joinPoint.getSignature()).getReturnType();
		return this.runs.invoke(agentRun.value(), returnType, joinPoint::proceed);
	}

}
