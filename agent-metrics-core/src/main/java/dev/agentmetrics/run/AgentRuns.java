package dev.agentmetrics.run;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Runs code as one run of an agent, for code that cannot use {@link dev.agentmetrics.AgentRun
 * &#64;AgentRun} (lambdas, objects that are not beans):
 *
 * <pre class="code">
 * String answer = agentRuns.run("support", () -&gt; supportAgent.answer(question));
 * </pre>
 *
 * A {@code CompletionStage}, {@code Mono} or {@code Flux} result is a run until it
 * completes, fails or is cancelled; the work of a {@code Mono} or {@code Flux} runs when it
 * is subscribed to, as Spring's reactive transactions do.
 *
 * @author agent-metrics
 */
public class AgentRuns {

	private static final boolean REACTOR_PRESENT = ClassUtils.isPresent("reactor.core.publisher.Mono",
			AgentRuns.class.getClassLoader());

	private final RunMetrics metrics;

	@Nullable
	private final AgentRunObservations observations;

	/**
	 * Create an instance recording with the given metrics.
	 * @param metrics the run metrics
	 */
	public AgentRuns(RunMetrics metrics) {
		this(metrics, null);
	}

	/**
	 * Create an instance recording with the given metrics and observing each run, which a
	 * tracer turns into the span that parents the run's LLM and tool spans.
	 * @param metrics the run metrics
	 * @param observations the observations of runs, {@code null} for none
	 */
	public AgentRuns(RunMetrics metrics, @Nullable AgentRunObservations observations) {
		this.metrics = metrics;
		this.observations = (observations != null && observations.isActive()) ? observations : null;
	}

	/**
	 * Run the given work as one run of the given agent.
	 * @param <T> the result type
	 * @param agent the agent
	 * @param work the work
	 * @return its result
	 */
	public <T> T run(String agent, Supplier<T> work) {
		return invoke(agent, work::get);
	}

	/**
	 * Run the given work as one run of the given agent.
	 * @param agent the agent
	 * @param work the work
	 */
	public void run(String agent, Runnable work) {
		invoke(agent, () -> {
			work.run();
			return null;
		});
	}

	/**
	 * Run the given work, which may throw checked exceptions, as one run of the given
	 * agent.
	 * @param <T> the result type
	 * @param agent the agent
	 * @param work the work
	 * @return its result
	 * @throws Exception what the work throws
	 */
	public <T> T call(String agent, Callable<T> work) throws Exception {
		return invoke(agent, work::call);
	}

	/**
	 * Run the given work as one run of the given agent; the advice of
	 * {@link dev.agentmetrics.AgentRun @AgentRun} calls this.
	 * @param <T> the result type
	 * @param <E> what the work throws
	 * @param agent the agent
	 * @param returnType the declared result type, to tell reactive results apart before the
	 * work runs
	 * @param work the work
	 * @return its result
	 * @throws E what the work throws
	 */
	@SuppressWarnings("unchecked")
	public <T, E extends Throwable> T invoke(String agent, Class<?> returnType, Work<T, E> work) throws E {
		Assert.hasText(agent, "'agent' must not be empty");
		if (REACTOR_PRESENT && Reactive.isReactive(returnType)) {
			return (T) Reactive.defer(this, agent, returnType, (Work<Object, Throwable>) work);
		}
		AgentRunContext run = this.metrics.start(agent);
		if (this.observations == null) {
			return runCurrent(run, null, work);
		}
		Observation observation = this.observations.start(run, null);
		try (Observation.Scope scope = observation.openScope()) {
			return runCurrent(run, observation, work);
		}
	}

	private <T, E extends Throwable> T runCurrent(AgentRunContext run, @Nullable Observation observation,
			Work<T, E> work) throws E {
		AgentRunContext previous = run.makeCurrent();
		T result;
		try {
			result = work.run();
		}
		catch (Throwable ex) {
			finish(run, observation, ex);
			throw ex;
		}
		finally {
			AgentRunContext.restore(previous);
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> finish(run, observation, unwrap(ex)));
			return result;
		}
		finish(run, observation, null);
		return result;
	}

	private void finish(AgentRunContext run, @Nullable Observation observation, @Nullable Throwable error) {
		this.metrics.finish(run, error);
		if (observation != null) {
			this.observations.stop(observation, error);
		}
	}

	private <T, E extends Throwable> T invoke(String agent, Work<T, E> work) throws E {
		return invoke(agent, Object.class, work);
	}

	private static Throwable unwrap(Throwable error) {
		if ((error instanceof CompletionException || error instanceof ExecutionException) && error.getCause() != null) {
			return error.getCause();
		}
		return error;
	}

	/**
	 * Work that returns a result and may throw.
	 *
	 * @param <T> the result type
	 * @param <E> what it throws
	 */
	@FunctionalInterface
	public interface Work<T, E extends Throwable> {

		/**
		 * Do the work.
		 * @return the result
		 * @throws E on failure
		 */
		T run() throws E;

	}

	/** Isolates Reactor, which is optional. */
	private static final class Reactive {

		static boolean isReactive(Class<?> type) {
			return Mono.class.isAssignableFrom(type) || Flux.class.isAssignableFrom(type);
		}

		static Object defer(AgentRuns runs, String agent, Class<?> returnType, Work<Object, Throwable> work) {
			if (Mono.class.isAssignableFrom(returnType)) {
				return Mono.deferContextual((context) -> {
					AgentRunContext run = runs.metrics.start(agent);
					Observation observation = observe(runs, run, context);
					return Mono.from(assemble(runs, run, observation, work))
						.doOnSuccess((value) -> runs.finish(run, observation, null))
						.doOnError((ex) -> runs.finish(run, observation, ex))
						.doOnCancel(() -> runs.finish(run, observation, new CancellationException()))
						.contextWrite((inner) -> withRun(inner, run, observation));
				});
			}
			return Flux.deferContextual((context) -> {
				AgentRunContext run = runs.metrics.start(agent);
				Observation observation = observe(runs, run, context);
				return Flux.from(assemble(runs, run, observation, work))
					.doOnComplete(() -> runs.finish(run, observation, null))
					.doOnError((ex) -> runs.finish(run, observation, ex))
					.doOnCancel(() -> runs.finish(run, observation, new CancellationException()))
					.contextWrite((inner) -> withRun(inner, run, observation));
			});
		}

		/**
		 * Start the observation of a reactive run, a child of the observation the
		 * subscriber's context carries, as Spring AI's own reactive observations are.
		 */
		@Nullable
		private static Observation observe(AgentRuns runs, AgentRunContext run, ContextView context) {
			if (runs.observations == null) {
				return null;
			}
			Observation parent = context.getOrDefault(AgentRunObservations.REACTOR_CONTEXT_KEY, null);
			return runs.observations.start(run, parent);
		}

		private static Context withRun(Context context, AgentRunContext run, @Nullable Observation observation) {
			Context withRun = context.put(AgentRunContext.CONTEXT_KEY, run);
			return (observation != null) ? withRun.put(AgentRunObservations.REACTOR_CONTEXT_KEY, observation)
					: withRun;
		}

		private static Publisher<?> assemble(AgentRuns runs, AgentRunContext run, @Nullable Observation observation,
				Work<Object, Throwable> work) {
			AgentRunContext previous = run.makeCurrent();
			Observation.Scope scope = (observation != null) ? observation.openScope() : null;
			try {
				Object publisher = work.run();
				return (publisher != null) ? (Publisher<?>) publisher : Mono.empty();
			}
			catch (Throwable ex) {
				return Mono.error(ex);
			}
			finally {
				if (scope != null) {
					scope.close();
				}
				AgentRunContext.restore(previous);
			}
		}

	}

}
