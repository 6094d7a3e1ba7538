package dev.agentmetrics.run;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

import dev.agentmetrics.support.RepeatWindow;
import reactor.util.context.ContextView;

import org.springframework.lang.Nullable;

/**
 * One agent run while it is going on: its agent and what happened inside it. The innermost
 * run is current on the thread that runs it and, for reactive runs, in the Reactor context
 * under {@link #CONTEXT_KEY}.
 *
 * @author agent-metrics
 */
public final class AgentRunContext {

	/** Key of the current run in the Reactor context. */
	public static final String CONTEXT_KEY = AgentRunContext.class.getName();

	private static final ThreadLocal<AgentRunContext> CURRENT = new ThreadLocal<>();

	private final String agent;

	final long startTime;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final DoubleAdder cost = new DoubleAdder();

	private final LongAdder llmCalls = new LongAdder();

	private final LongAdder toolCalls = new LongAdder();

	private final LongAdder inputTokens = new LongAdder();

	private final LongAdder outputTokens = new LongAdder();

	@Nullable
	private volatile RepeatWindow toolCallWindow;

	AgentRunContext(String agent, long startTime) {
		this.agent = agent;
		this.startTime = startTime;
	}

	/**
	 * Return the run current on this thread.
	 * @return the run, or {@code null} outside runs
	 */
	@Nullable
	public static AgentRunContext current() {
		return CURRENT.get();
	}

	/**
	 * Return the run in the given Reactor context, else the run current on this thread.
	 * @param context the Reactor context
	 * @return the run, or {@code null} outside runs
	 */
	@Nullable
	public static AgentRunContext current(ContextView context) {
		AgentRunContext run = context.getOrDefault(CONTEXT_KEY, null);
		return (run != null) ? run : CURRENT.get();
	}

	/**
	 * Return the agent of this run.
	 * @return the agent name
	 */
	public String agent() {
		return this.agent;
	}

	/**
	 * Count one LLM call made inside this run.
	 * @param cost its cost in USD, 0 when unpriced
	 * @param inputTokens its input tokens
	 * @param outputTokens its output tokens
	 */
	public void llmCall(double cost, long inputTokens, long outputTokens) {
		this.llmCalls.increment();
		if (cost > 0) {
			this.cost.add(cost);
		}
		this.inputTokens.add(inputTokens);
		this.outputTokens.add(outputTokens);
	}

	/**
	 * Count one tool call made inside this run.
	 */
	public void toolCall() {
		this.toolCalls.increment();
	}

	/**
	 * Return the window of this run's tool calls, for loop detection.
	 * @return the window
	 */
	public RepeatWindow toolCallWindow() {
		// Created on the first tool call: most runs of a simple agent call no tools.
		RepeatWindow window = this.toolCallWindow;
		if (window == null) {
			synchronized (this) {
				window = this.toolCallWindow;
				if (window == null) {
					window = new RepeatWindow();
					this.toolCallWindow = window;
				}
			}
		}
		return window;
	}

	double cost() {
		return this.cost.sum();
	}

	long llmCalls() {
		return this.llmCalls.sum();
	}

	long toolCalls() {
		return this.toolCalls.sum();
	}

	long inputTokens() {
		return this.inputTokens.sum();
	}

	long outputTokens() {
		return this.outputTokens.sum();
	}

	@Nullable
	AgentRunContext makeCurrent() {
		AgentRunContext previous = CURRENT.get();
		CURRENT.set(this);
		return previous;
	}

	static void set(AgentRunContext run) {
		CURRENT.set(run);
	}

	static void restore(@Nullable AgentRunContext previous) {
		if (previous != null) {
			CURRENT.set(previous);
		}
		else {
			CURRENT.remove();
		}
	}

	boolean finish() {
		return this.finished.compareAndSet(false, true);
	}

}
