package dev.agentmetrics.run;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.PerOutcome;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;

/**
 * Records agent runs into Micrometer: duration and outcome, runs going on now, and the
 * cost, LLM calls and tool calls of each run. Meters are cached per agent. Fail-open.
 *
 * @author agent-metrics
 */
public class RunMetrics {

	private static final FailOpenLogger logger = new FailOpenLogger(RunMetrics.class);

	private final MeterRegistry registry;

	private final Clock clock;

	private final ErrorClassifier errorClassifier;

	private final ErrorMetrics errorMetrics;

	private final Map<String, AgentRunMeters> meters = new ConcurrentHashMap<>();

	@Nullable
	private final ApplicationEventPublisher eventPublisher;

	private final TagValueLimiter.Limit agents;

	/**
	 * Create an instance that publishes no events.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of failed runs
	 * @param errorMetrics the recorder of {@code agent.errors}
	 */
	public RunMetrics(MeterRegistry registry, ErrorClassifier errorClassifier, ErrorMetrics errorMetrics) {
		this(registry, errorClassifier, errorMetrics, null, TagValueLimiter.unlimited());
	}

	/**
	 * Create an instance.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of failed runs
	 * @param errorMetrics the recorder of {@code agent.errors}
	 * @param eventPublisher the publisher of {@link AgentRunCompletedEvent}s, or
	 * {@code null} for none
	 * @param tagValueLimiter the bounds of tag values
	 */
	public RunMetrics(MeterRegistry registry, ErrorClassifier errorClassifier, ErrorMetrics errorMetrics,
			@Nullable ApplicationEventPublisher eventPublisher, TagValueLimiter tagValueLimiter) {
		this.agents = tagValueLimiter.limit("agent.runs", AgentTag.AGENT.asString());
		this.registry = registry;
		this.clock = registry.config().clock();
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
		this.errorMetrics = errorMetrics;
		this.eventPublisher = eventPublisher;
	}

	/**
	 * Start a run, counting it as active.
	 * @param agent the agent
	 * @return the run
	 */
	public AgentRunContext start(String agent) {
		long startTime = this.clock.monotonicTime();
		AgentRunMeters agentMeters = null;
		try {
			agentMeters = meters(agent);
			agentMeters.active.incrementAndGet();
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording an agent run", ex);
		}
		return new AgentRunContext(agent, startTime, agentMeters);
	}

	/**
	 * Finish a run; only the first call for a run counts.
	 * @param run the run
	 * @param error what ended it, or {@code null} when it succeeded
	 */
	public void finish(AgentRunContext run, @Nullable Throwable error) {
		try {
			if (!run.finish()) {
				return;
			}
			long duration = this.clock.monotonicTime() - run.startTime;
			AgentRunMeters agentMeters;
			if (run.meters instanceof AgentRunMeters startMeters) {
				agentMeters = startMeters;
				agentMeters.active.decrementAndGet();
			}
			else {
				// Its start failed to record, so it was never counted as active.
				agentMeters = meters(run.agent());
			}
			ErrorKind kind = (error != null) ? classify(error) : null;
			run.errorKind = kind;
			agentMeters.runs(kind).record(duration, TimeUnit.NANOSECONDS);
			agentMeters.cost.record(run.cost());
			agentMeters.llmCalls.record(run.llmCalls());
			agentMeters.toolCalls.record(run.toolCalls());
			if (kind != null) {
				this.errorMetrics.record(agentMeters.agent, AgentTag.SOURCE_RUN, kind);
			}
			if (this.eventPublisher != null) {
				this.eventPublisher.publishEvent(new AgentRunCompletedEvent(this, run.agent(), outcome(kind),
						(kind != null) ? kind.tagValue() : null, Duration.ofNanos(duration), run.cost(),
						run.inputTokens(), run.outputTokens(), run.llmCalls(), run.toolCalls()));
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording an agent run", ex);
		}
	}

	private static String outcome(@Nullable ErrorKind kind) {
		return (kind == null) ? AgentTag.OUTCOME_SUCCESS
				: (kind == ErrorKind.TIMEOUT) ? AgentTag.OUTCOME_TIMEOUT : AgentTag.OUTCOME_ERROR;
	}

	private ErrorKind classify(Throwable error) {
		return (error instanceof TimeoutException) ? ErrorKind.TIMEOUT : this.errorClassifier.classify(error);
	}

	private AgentRunMeters meters(String agent) {
		String tagged = this.agents.apply(agent);
		AgentRunMeters agentMeters = this.meters.get(tagged);
		return (agentMeters != null) ? agentMeters
				: this.meters.computeIfAbsent(tagged, (name) -> new AgentRunMeters(this.registry, name));
	}

	/** The meters of one agent's runs. */
	static final class AgentRunMeters {

		private final String agent;

		final AtomicInteger active = new AtomicInteger();

		final DistributionSummary cost;

		final DistributionSummary llmCalls;

		final DistributionSummary toolCalls;

		private final PerOutcome<Timer> runs;

		AgentRunMeters(MeterRegistry registry, String agent) {
			this.agent = agent;
			this.runs = new PerOutcome<>((error) -> AgentMeters.RUNS
				.timer(agent, outcome(error), (error != null) ? error.tagValue() : AgentTag.ERROR_NONE)
				.register(registry));
			AgentMeters.RUNS_ACTIVE.gauge(this.active, AtomicInteger::get, agent).register(registry);
			// In micro-USD: Micrometer rounds a value up to a whole number before it picks
			// its bucket, which put every run under 1 USD into the 1 USD bucket.
			this.cost = AgentMeters.RUN_COST.summary(agent)
				.scale(AgentMeters.MICRO_USD_PER_USD)
				.register(registry);
			this.llmCalls = AgentMeters.RUN_LLM_CALLS.summary(agent).register(registry);
			this.toolCalls = AgentMeters.RUN_TOOL_CALLS.summary(agent).register(registry);
		}

		Timer runs(@Nullable ErrorKind error) {
			return this.runs.get(error);
		}

	}

}
