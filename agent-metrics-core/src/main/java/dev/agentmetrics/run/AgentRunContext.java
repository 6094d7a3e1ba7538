package dev.agentmetrics.run;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import dev.agentmetrics.error.ErrorKind;
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

	// Compared by identity: no provider is named this very instance.
	private static final String MIXED_PROVIDERS = new String("mixed");

	private static final VarHandle FINISHED;

	private static final VarHandle COST_BITS;

	private static final VarHandle LLM_CALLS;

	private static final VarHandle TOOL_CALLS;

	private static final VarHandle INPUT_TOKENS;

	private static final VarHandle OUTPUT_TOKENS;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			FINISHED = lookup.findVarHandle(AgentRunContext.class, "finished", boolean.class);
			COST_BITS = lookup.findVarHandle(AgentRunContext.class, "costBits", long.class);
			LLM_CALLS = lookup.findVarHandle(AgentRunContext.class, "llmCalls", long.class);
			TOOL_CALLS = lookup.findVarHandle(AgentRunContext.class, "toolCalls", long.class);
			INPUT_TOKENS = lookup.findVarHandle(AgentRunContext.class, "inputTokens", long.class);
			OUTPUT_TOKENS = lookup.findVarHandle(AgentRunContext.class, "outputTokens", long.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final String agent;

	final long startTime;

	/** The meters of this run's agent, looked up once when the run starts. */
	@Nullable
	final Object meters;

	// Plain fields updated atomically through VarHandles rather than adders: a run's calls
	// rarely race, and six adder objects per run would cost more than they save.

	private volatile boolean finished;

	private volatile long costBits;

	private volatile long llmCalls;

	private volatile long toolCalls;

	private volatile long inputTokens;

	private volatile long outputTokens;

	@Nullable
	private volatile RepeatWindow toolCallWindow;

	// The provider of the run's calls, MIXED_PROVIDERS once two differ: a trace names the
	// provider of a run only when one served it all.
	@Nullable
	private volatile String provider;

	@Nullable
	private volatile String sessionId;

	@Nullable
	private volatile String userId;

	/** The kind of error the run failed with, known once it is finished. */
	@Nullable
	volatile ErrorKind errorKind;

	AgentRunContext(String agent, long startTime, @Nullable Object meters) {
		this.agent = agent;
		this.startTime = startTime;
		this.meters = meters;
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
	 * Name the session this run belongs to, such as a conversation or a chat thread, for
	 * traces ({@code langfuse.session.id}); the application passes it, nothing guesses it.
	 * Set it before the run's first LLM call so that every span of the run carries it.
	 * @param sessionId the session id, {@code null} for none
	 * @return this run
	 */
	public AgentRunContext sessionId(@Nullable String sessionId) {
		this.sessionId = sessionId;
		return this;
	}

	/**
	 * Return the session this run belongs to.
	 * @return the session id, or {@code null}
	 */
	@Nullable
	public String sessionId() {
		return this.sessionId;
	}

	/**
	 * Name the user this run works for, for traces ({@code langfuse.user.id}); the
	 * application passes it, nothing guesses it. Set it before the run's first LLM call so
	 * that every span of the run carries it.
	 * @param userId the user id, {@code null} for none
	 * @return this run
	 */
	public AgentRunContext userId(@Nullable String userId) {
		this.userId = userId;
		return this;
	}

	/**
	 * Return the user this run works for.
	 * @return the user id, or {@code null}
	 */
	@Nullable
	public String userId() {
		return this.userId;
	}

	/**
	 * Return the provider that served every LLM call of this run so far.
	 * @return the provider, or {@code null} when there was no call or several providers
	 */
	@Nullable
	public String provider() {
		String served = this.provider;
		return (served == MIXED_PROVIDERS) ? null : served;
	}

	/**
	 * Return the cost of this run's LLM calls so far.
	 * @return the cost in USD
	 */
	public double cost() {
		return Double.longBitsToDouble(this.costBits);
	}

	/**
	 * Return the kind of error this run failed with.
	 * @return the kind, or {@code null} while the run goes on or when it succeeded
	 */
	@Nullable
	public ErrorKind errorKind() {
		return this.errorKind;
	}

	/**
	 * Count one LLM call made inside this run, served by the given provider.
	 * @param provider the provider that served it
	 * @param cost its cost in USD, 0 when unpriced
	 * @param inputTokens its input tokens
	 * @param outputTokens its output tokens
	 */
	public void llmCall(String provider, double cost, long inputTokens, long outputTokens) {
		String served = this.provider;
		if (served == null) {
			this.provider = provider;
		}
		else if (served != MIXED_PROVIDERS && !served.equals(provider)) {
			this.provider = MIXED_PROVIDERS;
		}
		llmCall(cost, inputTokens, outputTokens);
	}

	/**
	 * Count one LLM call made inside this run.
	 * @param cost its cost in USD, 0 when unpriced
	 * @param inputTokens its input tokens
	 * @param outputTokens its output tokens
	 */
	public void llmCall(double cost, long inputTokens, long outputTokens) {
		LLM_CALLS.getAndAdd(this, 1L);
		if (cost > 0) {
			long bits;
			do {
				bits = this.costBits;
			}
			while (!COST_BITS.compareAndSet(this, bits,
					Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + cost)));
		}
		if (inputTokens != 0) {
			INPUT_TOKENS.getAndAdd(this, inputTokens);
		}
		if (outputTokens != 0) {
			OUTPUT_TOKENS.getAndAdd(this, outputTokens);
		}
	}

	/**
	 * Count one tool call made inside this run.
	 */
	public void toolCall() {
		TOOL_CALLS.getAndAdd(this, 1L);
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

	long llmCalls() {
		return this.llmCalls;
	}

	long toolCalls() {
		return this.toolCalls;
	}

	long inputTokens() {
		return this.inputTokens;
	}

	long outputTokens() {
		return this.outputTokens;
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
		// set(null) rather than remove(): remove() would make the next run on this thread
		// allocate a new ThreadLocalMap entry, and the static key cannot leak anything.
		CURRENT.set(previous);
	}

	boolean finish() {
		return FINISHED.compareAndSet(this, false, true);
	}

}
