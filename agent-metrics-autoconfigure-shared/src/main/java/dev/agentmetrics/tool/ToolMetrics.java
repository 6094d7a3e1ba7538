package dev.agentmetrics.tool;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.JsonFingerprint;
import dev.agentmetrics.support.NameCache;
import dev.agentmetrics.support.PerOutcome;
import dev.agentmetrics.support.RepeatWindow;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.lang.Nullable;

/**
 * Records every tool call Spring AI executes: latency and outcome by agent and tool,
 * failures even when Spring AI turns them into a message for the model, and tool loops.
 *
 * @author agent-metrics
 */
public class ToolMetrics {

	private static final FailOpenLogger logger = new FailOpenLogger(ToolMetrics.class);

	private final MeterRegistry registry;

	private final Clock clock;

	private final ErrorClassifier errorClassifier;

	private final ErrorMetrics errorMetrics;

	private final LoopDetection loopDetection;

	private final String defaultAgent;

	private final Map<ToolKey, ToolMeters> meters = new ConcurrentHashMap<>();

	private final NameCache<ToolMeters> callSeries = new NameCache<>();

	@Nullable
	private final ApplicationEventPublisher eventPublisher;

	private final TagValueLimiter.Limit agents;

	private final TagValueLimiter.Limit tools;

	/**
	 * Create an instance that publishes no events.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of failed tool calls
	 * @param errorMetrics the recorder of {@code agent.errors}
	 * @param loopDetection the loop-detection settings
	 * @param defaultAgent the agent of tool calls made outside ChatClient calls and runs
	 */
	public ToolMetrics(MeterRegistry registry, ErrorClassifier errorClassifier, ErrorMetrics errorMetrics,
			LoopDetection loopDetection, String defaultAgent) {
		this(registry, errorClassifier, errorMetrics, loopDetection, defaultAgent, null, TagValueLimiter.unlimited());
	}

	/**
	 * Create an instance.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of failed tool calls
	 * @param errorMetrics the recorder of {@code agent.errors}
	 * @param loopDetection the loop-detection settings
	 * @param defaultAgent the agent of tool calls made outside ChatClient calls and runs
	 * @param eventPublisher the publisher of {@link ToolLoopDetectedEvent}s, or
	 * {@code null} for none
	 * @param tagValueLimiter the bounds of tag values
	 */
	public ToolMetrics(MeterRegistry registry, ErrorClassifier errorClassifier, ErrorMetrics errorMetrics,
			LoopDetection loopDetection, String defaultAgent, @Nullable ApplicationEventPublisher eventPublisher,
			TagValueLimiter tagValueLimiter) {
		this.eventPublisher = eventPublisher;
		this.agents = tagValueLimiter.limit("agent.tool", AgentTag.AGENT.asString());
		this.tools = tagValueLimiter.limit("agent.tool", AgentTag.TOOL.asString());
		this.registry = registry;
		this.clock = registry.config().clock();
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
		this.errorMetrics = errorMetrics;
		this.loopDetection = loopDetection;
		this.defaultAgent = defaultAgent;
	}

	/**
	 * Call the given tool, recording the call.
	 * @param tool the tool
	 * @param input the arguments the model gave, as JSON
	 * @param toolContext the tool context, may be {@code null}
	 * @return the tool's result
	 */
	public String call(ToolCallback tool, String input, @Nullable ToolContext toolContext) {
		LlmCall streamCall = callOf(toolContext);
		Scope scope = scope(streamCall);
		String name = toolName(tool);
		if (scope != null && this.loopDetection.enabled()) {
			checkLoop(scope, name, input);
		}
		long start = this.clock.monotonicTime();
		try {
			// The tool sees its context as the application set it, without the call.
			String result = tool.call(input, (streamCall != null) ? withoutCall(toolContext) : toolContext);
			record(scope, name, start, null);
			return result;
		}
		catch (RuntimeException | Error ex) {
			record(scope, name, start, ex);
			throw ex;
		}
	}

	/**
	 * Record a tool call Spring AI refused to run, such as one past its tool-call limit.
	 * @param tool the tool's name
	 * @param reason why it was refused
	 */
	public void refused(String tool, Throwable reason) {
		refused(tool, reason, null);
	}

	/**
	 * Record a tool call Spring AI refused to run, such as one past its tool-call limit.
	 * @param tool the tool's name
	 * @param reason why it was refused
	 * @param toolContext the tool context of the prompt whose tool call it was, may be
	 * {@code null}
	 */
	public void refused(String tool, Throwable reason, @Nullable Map<String, Object> toolContext) {
		record(scope((toolContext != null) ? callOf(toolContext.get(LlmCall.CONTEXT_KEY)) : null), tool,
				this.clock.monotonicTime(), reason);
	}

	@Nullable
	private static LlmCall callOf(@Nullable ToolContext toolContext) {
		return (toolContext != null) ? callOf(toolContext.getContext().get(LlmCall.CONTEXT_KEY)) : null;
	}

	@Nullable
	private static LlmCall callOf(@Nullable Object value) {
		return (value instanceof LlmCall call) ? call : null;
	}

	private static ToolContext withoutCall(ToolContext toolContext) {
		Map<String, Object> context = new HashMap<>(toolContext.getContext());
		context.remove(LlmCall.CONTEXT_KEY);
		return new ToolContext(context);
	}

	private void checkLoop(Scope scope, String tool, String input) {
		int repeats;
		boolean first;
		try {
			// Key order and whitespace do not make calls different.
			long signature = JsonFingerprint.of(tool, input);
			repeats = scope.window.add(signature, this.loopDetection.windowSize());
			first = repeats >= this.loopDetection.maxRepeats() && scope.window.firstReport(signature);
			if (first) {
				meters(scope.agent, tool).loops.increment();
				// Keyed by agent and tool, never by arguments: those may hold user data, and a
				// key per loop would make every new loop a WARN.
				logger.warnOnce("loop:" + scope.agent + '\u0000' + tool,
						"agent-metrics detected a tool loop: agent '" + scope.agent + "' called tool '" + tool
								+ "' with the same arguments " + repeats + " times in its last "
								+ this.loopDetection.windowSize() + " tool calls; " + AgentMeters.TOOL_LOOPS.getName()
								+ " counts every loop, later ones of this agent and tool are logged at DEBUG");
				if (this.eventPublisher != null) {
					this.eventPublisher.publishEvent(new ToolLoopDetectedEvent(this, scope.agent, tool, repeats));
				}
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording a tool call", ex);
			return;
		}
		if (repeats >= this.loopDetection.maxRepeats() && this.loopDetection.action() == LoopDetection.Action.BLOCK) {
			ToolLoopDetectedException loop = new ToolLoopDetectedException(scope.agent, tool, repeats);
			record(scope, tool, this.clock.monotonicTime(), loop);
			throw loop;
		}
	}

	private void record(@Nullable Scope scope, String tool, long start, @Nullable Throwable error) {
		try {
			String agent = (scope != null) ? scope.agent : this.defaultAgent;
			ErrorKind kind = (error != null) ? classify(error) : null;
			meters(agent, tool).calls(kind).record(this.clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
			if (kind != null) {
				this.errorMetrics.record(this.agents.apply(agent), AgentTag.SOURCE_TOOL, kind);
			}
			if (scope != null && scope.run != null) {
				scope.run.toolCall();
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording a tool call", ex);
		}
	}

	private ErrorKind classify(Throwable error) {
		ErrorKind kind = this.errorClassifier.classify(error);
		// A tool that throws anything is a failed tool call.
		return (kind != ErrorKind.UNKNOWN) ? kind : ErrorKind.TOOL_FAILURE;
	}

	/**
	 * The agent, run and loop window of a tool call: those of the ChatClient call the tool
	 * context names (a stream's tools run on another thread), else of the blocking call or
	 * the run on this thread.
	 */
	@Nullable
	private Scope scope(@Nullable LlmCall streamCall) {
		LlmCall call = (streamCall != null) ? streamCall : LlmCall.current();
		if (call != null) {
			AgentRunContext run = call.run();
			return new Scope(call.agent(), run, (run != null) ? run.toolCallWindow() : call.toolCalls());
		}
		AgentRunContext run = AgentRunContext.current();
		return (run != null) ? new Scope(run.agent(), run, run.toolCallWindow()) : null;
	}

	private static String toolName(ToolCallback tool) {
		return tool.getToolDefinition().name();
	}

	private ToolMeters meters(String agent, String tool) {
		ToolMeters toolMeters = this.callSeries.get(agent, tool, "");
		if (toolMeters != null) {
			return toolMeters;
		}
		ToolKey key = new ToolKey(this.agents.apply(agent), this.tools.apply(tool));
		toolMeters = this.meters.get(key);
		if (toolMeters == null) {
			toolMeters = this.meters.computeIfAbsent(key, (k) -> new ToolMeters(this.registry, k));
		}
		return this.callSeries.put(agent, tool, "", toolMeters);
	}


	private record Scope(String agent, @Nullable AgentRunContext run, RepeatWindow window) {
	}

	private record ToolKey(String agent, String tool) {
	}

	/** The meters of one agent's tool. */
	private static final class ToolMeters {

		final Counter loops;

		private final PerOutcome<Timer> calls;

		ToolMeters(MeterRegistry registry, ToolKey key) {
			this.loops = AgentMeters.TOOL_LOOPS.counter(key.agent(), key.tool()).register(registry);
			this.calls = new PerOutcome<>((error) -> AgentMeters.TOOL_CALLS
				.timer(key.agent(), key.tool(), (error != null) ? AgentTag.OUTCOME_ERROR : AgentTag.OUTCOME_SUCCESS,
						(error != null) ? error.tagValue() : AgentTag.ERROR_NONE)
				.register(registry));
		}

		Timer calls(@Nullable ErrorKind error) {
			return this.calls.get(error);
		}

	}

}
