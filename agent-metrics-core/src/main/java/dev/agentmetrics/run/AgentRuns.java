package dev.agentmetrics.run;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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

	/**
	 * Create an instance recording with the given metrics.
	 * @param metrics the run metrics
	 */
	public AgentRuns(RunMetrics metrics) {
		this.metrics = metrics;
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
		AgentRunContext previous = run.makeCurrent();
		T result;
		try {
			result = work.run();
		}
		catch (Throwable ex) {
			this.metrics.finish(run, ex);
			throw ex;
		}
		finally {
			AgentRunContext.restore(previous);
		}
		if (result instanceof CompletionStage<?> stage) {
			stage.whenComplete((value, ex) -> this.metrics.finish(run, unwrap(ex)));
			return result;
		}
		this.metrics.finish(run, null);
		return result;
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
				return Mono.defer(() -> {
					AgentRunContext run = runs.metrics.start(agent);
					return Mono.from(assemble(runs, run, work))
						.doOnSuccess((value) -> runs.metrics.finish(run, null))
						.doOnError((ex) -> runs.metrics.finish(run, ex))
						.doOnCancel(() -> runs.metrics.finish(run, new CancellationException()))
						.contextWrite((context) -> context.put(AgentRunContext.CONTEXT_KEY, run));
				});
			}
			return Flux.defer(() -> {
				AgentRunContext run = runs.metrics.start(agent);
				return Flux.from(assemble(runs, run, work))
					.doOnComplete(() -> runs.metrics.finish(run, null))
					.doOnError((ex) -> runs.metrics.finish(run, ex))
					.doOnCancel(() -> runs.metrics.finish(run, new CancellationException()))
					.contextWrite((context) -> context.put(AgentRunContext.CONTEXT_KEY, run));
			});
		}

		private static Publisher<?> assemble(AgentRuns runs, AgentRunContext run,
				Work<Object, Throwable> work) {
			AgentRunContext previous = run.makeCurrent();
			try {
				Object publisher = work.run();
				return (publisher != null) ? (Publisher<?>) publisher : Mono.empty();
			}
			catch (Throwable ex) {
				return Mono.error(ex);
			}
			finally {
				AgentRunContext.restore(previous);
			}
		}

	}

}
