package dev.agentmetrics.run;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentmetrics.AgentRun;
import org.aspectj.lang.ProceedingJoinPoint;
import org.aspectj.lang.annotation.Around;
import org.aspectj.lang.annotation.Aspect;
import org.aspectj.lang.reflect.MethodSignature;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.lang.Nullable;

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
	 * What each advised method runs as. Methods are finitely many, so the cache is bounded
	 * by the application's code.
	 */
	private final Map<Method, Target> targets = new ConcurrentHashMap<>();

	/**
	 * Create an aspect recording runs with the given API.
	 * @param runs the runs API
	 */
	public AgentRunAspect(AgentRuns runs) {
		this.runs = runs;
	}

	// The pointcuts bind nothing and use no @annotation or @within: those make Spring test
	// every call again at run time, by reflection, which costs more than recording the run.

	/**
	 * Record a call of an annotated method.
	 * @param joinPoint the call
	 * @return the method's result
	 * @throws Throwable what the method throws
	 */
	@Around("execution(@dev.agentmetrics.AgentRun * *(..))")
	public Object aroundAnnotatedMethod(ProceedingJoinPoint joinPoint) throws Throwable {
		return run(joinPoint);
	}

	/**
	 * Record a call of a public method of an annotated class.
	 * @param joinPoint the call
	 * @return the method's result
	 * @throws Throwable what the method throws
	 */
	@Around("execution(public * (@dev.agentmetrics.AgentRun *).*(..)) && !execution(@dev.agentmetrics.AgentRun * *(..))")
	public Object aroundMethodOfAnnotatedType(ProceedingJoinPoint joinPoint) throws Throwable {
		return run(joinPoint);
	}

	private Object run(ProceedingJoinPoint joinPoint) throws Throwable {
		Method method = ((MethodSignature) joinPoint.getSignature()).getMethod();
		Object instance = joinPoint.getTarget();
		Class<?> targetClass = (instance != null) ? AopUtils.getTargetClass(instance) : method.getDeclaringClass();
		Target target = this.targets.get(method);
		if (target == null || target.targetClass != targetClass) {
			// A method of an interface is advised once per implementation, which may name
			// another agent.
			target = Target.of(method, targetClass);
			this.targets.put(method, target);
		}
		if (target.agent == null) {
			return joinPoint.proceed();
		}
		return this.runs.invoke(target.agent, method.getReturnType(), joinPoint::proceed);
	}

	/** The agent an advised method runs as, for one class that implements it. */
	private static final class Target {

		final Class<?> targetClass;

		@Nullable
		final String agent;

		private Target(Class<?> targetClass, @Nullable String agent) {
			this.targetClass = targetClass;
			this.agent = agent;
		}

		static Target of(Method method, Class<?> targetClass) {
			// As the pointcuts match: the annotation of the implementing method, else of the
			// class that declares it.
			Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
			AgentRun agentRun = specific.getAnnotation(AgentRun.class);
			if (agentRun == null) {
				agentRun = specific.getDeclaringClass().getAnnotation(AgentRun.class);
			}
			if (agentRun == null) {
				agentRun = AnnotationUtils.findAnnotation(targetClass, AgentRun.class);
			}
			return new Target(targetClass, (agentRun != null) ? agentRun.value() : null);
		}

	}

}
