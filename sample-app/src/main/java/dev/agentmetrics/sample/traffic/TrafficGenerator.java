package dev.agentmetrics.sample.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.agentmetrics.sample.support.SupportAgent;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Keeps calling the {@link SupportAgent} in the background, on one daemon thread, with a
 * rotating mix of plain questions, questions that make the model call tools, streaming
 * calls and reasoning-model calls, so that the metrics move without anyone doing
 * anything.
 *
 * <p>
 * It starts once the application is ready, which is after the web server (and so the
 * simulator) is up, and stops as soon as the context starts closing, before the web server
 * stops. Failed calls, which the simulator causes on purpose, are logged at debug level.
 * It can be {@link #pause() paused} and {@link #resume() resumed}, and {@link #stats()}
 * tells what its calls saw, so that tests can compare the metrics with it at a quiet
 * moment.
 *
 * @author agent-metrics
 */
@Component
@ConditionalOnProperty(prefix = "sample.traffic", name = "enabled", havingValue = "true", matchIfMissing = true)
public class TrafficGenerator implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TrafficGenerator.class);

	/** The question that makes the simulated model loop, left out unless tool-loops. */
	private static final String TOOL_LOOP_QUESTION = "Please keep checking";

	private final SupportAgent agent;

	private final TrafficProperties properties;

	private final List<Scenario> scenarios;

	private final AtomicLong calls = new AtomicLong();

	private final AtomicLong completed = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong cancelled = new AtomicLong();

	/** Held while a call is made, so that {@link #pause()} can wait for it. */
	private final ReentrantLock callInProgress = new ReentrantLock();

	private volatile boolean paused;

	@Nullable
	private ApplicationContext context;

	@Nullable
	private ScheduledExecutorService scheduler;

	/**
	 * Create the generator.
	 * @param agent the agent to call
	 * @param properties the traffic settings
	 */
	public TrafficGenerator(SupportAgent agent, TrafficProperties properties) {
		this.agent = agent;
		this.properties = properties;
		String reasoningModel = StringUtils.hasText(properties.reasoningModel()) ? properties.reasoningModel() : null;
		List<Scenario> scenarios = new ArrayList<>(List.of(new Scenario("What are your support hours?", false, null),
				new Scenario("What is the status of order 1042?", false, null),
				new Scenario("How do I reset my password?", true, null),
				new Scenario("Can I get a refund for order 1043?", false, null),
				new Scenario("Where is my package for order 1044? Please track it.", true, null),
				new Scenario("Order 1045 arrived too late. Can I still return it for a refund?", false,
						reasoningModel),
				new Scenario("Which payment methods do you accept?", false, null),
				new Scenario("What did I order in order 1043?", true, null),
				new Scenario("Please keep checking the shipment of order 1042 until it moves.", false, null),
				new Scenario("Can you track order 1046 for me?", false, null),
				new Scenario("Hello, I need help with my account.", false, reasoningModel)));
		if (!properties.toolLoops()) {
			scenarios.removeIf((scenario) -> scenario.question().startsWith(TOOL_LOOP_QUESTION));
		}
		this.scenarios = List.copyOf(scenarios);
	}

	/**
	 * Stop starting calls, and return once the call in progress, if any, has ended; the
	 * generator stays paused until {@link #resume()}.
	 */
	public void pause() {
		this.paused = true;
		this.callInProgress.lock();
		this.callInProgress.unlock();
	}

	/**
	 * Start calling the agent again after {@link #pause()}.
	 */
	public void resume() {
		this.paused = false;
	}

	/**
	 * Return what the generator's calls saw so far.
	 * @return the calls that ended, with how many failed or were cancelled
	 */
	public Stats stats() {
		return new Stats(this.completed.get(), this.failed.get(), this.cancelled.get());
	}

	/**
	 * Start calling the agent, once the application is ready to serve.
	 * @param event the event
	 */
	@EventListener
	public synchronized void onApplicationReady(ApplicationReadyEvent event) {
		if (this.scheduler != null) {
			return;
		}
		this.context = event.getApplicationContext();
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "sample-traffic");
			thread.setDaemon(true);
			return thread;
		});
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		executor.scheduleWithFixedDelay(this::callOnce, 0, this.properties.interval().toMillis(),
				TimeUnit.MILLISECONDS);
		this.scheduler = executor;
		logger.info("Traffic generator started: one call to agent '{}' every {} (set sample.traffic.enabled=false "
				+ "to turn it off)", SupportAgent.AGENT_NAME, this.properties.interval());
	}

	/**
	 * Stop as soon as the application context starts closing.
	 * @param event the event
	 */
	@EventListener
	public void onContextClosed(ContextClosedEvent event) {
		if (event.getApplicationContext() == this.context) {
			stop();
		}
	}

	@Override
	public void destroy() {
		stop();
	}

	private void stop() {
		ScheduledExecutorService executor;
		synchronized (this) {
			executor = this.scheduler;
			this.scheduler = null;
		}
		if (executor == null) {
			return;
		}
		executor.shutdownNow();
		try {
			if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
				logger.warn("Traffic generator did not stop within 5 seconds");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.info("Traffic generator stopped after {} calls", this.completed.get());
	}

	private void callOnce() {
		if (this.paused) {
			return;
		}
		this.callInProgress.lock();
		try {
			if (!this.paused) {
				call();
			}
		}
		finally {
			this.callInProgress.unlock();
		}
	}

	private void call() {
		long call = this.calls.getAndIncrement();
		Scenario scenario = this.scenarios.get((int) (call % this.scenarios.size()));
		AtomicBoolean cancelledStream = new AtomicBoolean();
		try {
			if (scenario.stream()) {
				this.agent.askStream(scenario.question(), scenario.model())
					.doOnCancel(() -> cancelledStream.set(true))
					.then()
					.block(this.properties.timeout());
			}
			else {
				this.agent.ask(scenario.question(), scenario.model());
			}
			logger.trace("Traffic call {} answered: {}", call, scenario);
		}
		catch (RuntimeException ex) {
			// The simulator fails some calls on purpose; the metrics show them.
			(cancelledStream.get() ? this.cancelled : this.failed).incrementAndGet();
			logger.debug("Traffic call {} failed: {}", call, scenario, ex);
		}
		finally {
			this.completed.incrementAndGet();
		}
	}

	/**
	 * What the generator's calls saw.
	 *
	 * @param calls calls that ended, whatever their outcome
	 * @param failed of which failed (the agent threw, or the stream ended with an error)
	 * @param cancelled of which the generator cancelled (a stream that outlasted
	 * {@code sample.traffic.timeout})
	 */
	public record Stats(long calls, long failed, long cancelled) {
	}

	/**
	 * One kind of call the generator makes.
	 *
	 * @param question the question to ask
	 * @param stream whether to stream the answer
	 * @param model the model to use instead of the configured one, or {@code null}
	 */
	record Scenario(String question, boolean stream, @Nullable String model) {
	}

}
