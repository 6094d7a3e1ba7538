package dev.agentmetrics.llm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;

import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRunObservations;
import io.micrometer.observation.Observation;
import reactor.util.context.ContextView;
import dev.agentmetrics.support.RepeatWindow;

import org.springframework.lang.Nullable;

/**
 * State of one ChatClient call while it runs: who made it, when it started, and the usage
 * of every model round seen so far.
 *
 * <p>
 * A blocking call is made current on its thread, a streaming one is put in the Reactor
 * context under {@link #CONTEXT_KEY}, so that provider integrations can attribute each
 * billed round to the call that caused it.
 *
 * @author agent-metrics
 */
public final class LlmCall implements TokenCounts {

	/** Key of the current call in the Reactor context of a streaming call. */
	public static final String CONTEXT_KEY = LlmCall.class.getName();

	// A mutable slot per thread: making a call current and restoring the previous one then
	// costs one ThreadLocal lookup instead of three.
	private static final ThreadLocal<Slot> CURRENT = ThreadLocal.withInitial(Slot::new);

	private static final VarHandle FINISHED;

	static {
		try {
			FINISHED = MethodHandles.lookup().findVarHandle(LlmCall.class, "finished", boolean.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	final String agent;

	private volatile String provider;

	@Nullable
	final String requestedModel;

	final boolean stream;

	final long startTime;

	@Nullable
	final AgentRunContext run;

	// A field rather than an AtomicBoolean: one object less per call, and a blocking call,
	// confined to its thread, needs no atomic operation at all.
	private boolean finished;

	@Nullable
	private volatile Queue<LlmRound> rounds;

	@Nullable
	private volatile RepeatWindow toolCalls;

	// The round a provider integration read inside the model's own observation of a
	// blocking request, for that observation's span to take before it ends.
	@Nullable
	private LlmRound pendingRound;

	// What the call needs of its rounds beyond their usage, only when it does, such as
	// when there are spend budgets: one reference rather than five fields in every call.
	@Nullable
	private volatile RoundHooks hooks;

	// The observation of the stream round read last, still open while its tools run.
	@Nullable
	private volatile Observation streamRoundObservation;

	// Whether the rounds reported so far are those that asked for tools, read from the
	// tool-calling manager: the final round's usage is then read from the call's response.
	private volatile boolean toolRoundsOnly;

	// The tokens Spring AI reported for the whole call, read once it ends.

	long input;

	long output;

	long cacheRead;

	long cacheWrite;

	long reasoning;

	long cacheWrite1h;

	/** What the chunks of a streaming call told, {@code null} for a blocking call. */
	@Nullable
	final StreamProgress progress;

	LlmCall(String agent, String provider, @Nullable String requestedModel, boolean stream, long startTime,
			@Nullable AgentRunContext run) {
		this.agent = agent;
		this.provider = provider;
		this.requestedModel = requestedModel;
		this.stream = stream;
		this.startTime = startTime;
		this.run = run;
		this.progress = stream ? new StreamProgress() : null;
	}

	/**
	 * Name the provider of this call when the request did not tell, such as when its
	 * options are Spring AI's portable ones.
	 * @param provider the provider tag value
	 */
	public void providerIfUnknown(String provider) {
		if (ProviderResolver.UNKNOWN.equals(this.provider)) {
			this.provider = provider;
		}
	}

	/**
	 * Return the provider tag of this call.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * Return the agent tag of this call.
	 * @return the agent
	 */
	public String agent() {
		return this.agent;
	}

	/**
	 * Return the run this call is made in.
	 * @return the run, or {@code null}
	 */
	@Nullable
	public AgentRunContext run() {
		return this.run;
	}

	/**
	 * Return the window of this call's tool calls, for loop detection outside runs.
	 * @return the window
	 */
	public RepeatWindow toolCalls() {
		RepeatWindow window = this.toolCalls;
		if (window == null) {
			synchronized (this) {
				window = this.toolCalls;
				if (window == null) {
					window = new RepeatWindow();
					this.toolCalls = window;
				}
			}
		}
		return window;
	}

	/**
	 * Take the tokens Spring AI reported for the whole call; usage readers call this.
	 */
	@Override
	public void tokens(long input, long output, long cacheRead, long cacheWrite, long reasoning, long cacheWrite1h) {
		this.input = input;
		this.output = output;
		this.cacheRead = cacheRead;
		this.cacheWrite = cacheWrite;
		this.reasoning = reasoning;
		this.cacheWrite1h = cacheWrite1h;
	}

	/**
	 * Return the blocking call running on this thread.
	 * @return the call, or {@code null}
	 */
	@Nullable
	public static LlmCall current() {
		return CURRENT.get().call;
	}

	/**
	 * Start a round: one billed request to the model. The caller reports its usage once
	 * known; a round whose usage never arrives counts nothing.
	 * @return the round
	 */
	public LlmRound startRound() {
		Queue<LlmRound> queue = this.rounds;
		if (queue == null) {
			synchronized (this) {
				queue = this.rounds;
				if (queue == null) {
					queue = new ConcurrentLinkedQueue<>();
					this.rounds = queue;
				}
			}
		}
		RoundHooks current = this.hooks;
		LlmRound round = new LlmRound(current);
		queue.add(round);
		return round;
	}

	/**
	 * Check, before each request of this call to the model, that it may be made, such as
	 * that its budget is not spent.
	 * @param check what throws to refuse the request, given the call's agent: one instance
	 * can serve every call
	 */
	public void roundCheck(Consumer<String> check) {
		hooks().roundCheck = check;
	}

	/**
	 * Run the check of {@link #roundCheck(Consumer)}, if any: provider integrations call it
	 * before each request of a tool loop.
	 * @throws RuntimeException what the check throws to refuse the request
	 */
	public void checkBeforeRound() {
		RoundHooks current = this.hooks;
		Consumer<String> check = (current != null) ? current.roundCheck : null;
		if (check != null) {
			check.accept(this.agent);
		}
	}

	/**
	 * Have each round's usage told to the given listener as it is reported.
	 * @param listener the listener
	 */
	void roundListener(LlmRound.RoundListener listener) {
		hooks().roundListener = listener;
	}

	/**
	 * Add to what the rounds of this call cost so far.
	 * @param usd the cost of a round, or the difference a later report of it made
	 */
	void spentByRounds(double usd) {
		hooks().spent(usd);
	}

	/**
	 * Return what the rounds of this call cost so far, already told to the spend listener.
	 * @return the cost, in USD
	 */
	double spentByRounds() {
		RoundHooks current = this.hooks;
		return (current != null) ? current.spent() : 0;
	}

	/**
	 * Report the usage a provider billed for this call so far, for chat models that merge
	 * the usage of a tool loop's rounds and whose rounds no provider integration reads: the
	 * spend listener is told each round as it is billed, so that a budget can stop the
	 * loop, and a call that fails mid-loop still counts what its rounds billed. The
	 * counters of a call that succeeds read its response, which holds the same merged
	 * usage in the end.
	 * @param usage the usage of the rounds so far, merged as the chat model reports it
	 */
	public void billedSoFar(TokenUsage usage) {
		hooks().billedSoFar().usage(usage);
	}

	/**
	 * Return the usage {@link #billedSoFar(TokenUsage)} reported last.
	 * @return the usage, or {@code null}
	 */
	@Nullable
	TokenUsage billedSoFar() {
		RoundHooks current = this.hooks;
		return (current != null) ? current.billedSoFarUsage() : null;
	}

	private RoundHooks hooks() {
		RoundHooks current = this.hooks;
		if (current == null) {
			synchronized (this) {
				current = this.hooks;
				if (current == null) {
					current = new RoundHooks(this);
					this.hooks = current;
				}
			}
		}
		return current;
	}

	/**
	 * Start a round of a blocking request read inside the chat model's observation of it,
	 * which the observation's span then takes with {@link #takePendingRound()}.
	 * @return the round
	 */
	public LlmRound startObservedRound() {
		LlmRound round = startRound();
		this.pendingRound = round;
		return round;
	}

	/**
	 * Remember the observation a streaming round's Reactor context carries: Spring AI 1.1
	 * runs a stream's tools on another thread without it, and the tools' spans then need
	 * it as their parent.
	 * @param context the Reactor context of the round's stream
	 */
	public void streamRound(ContextView context) {
		Observation observation = observation(context);
		if (observation != null) {
			this.streamRoundObservation = observation;
		}
	}

	/** The observation a Reactor context carries, unless it is a no-op one. */
	@Nullable
	static Observation observation(ContextView context) {
		Object observation = context.getOrDefault(AgentRunObservations.REACTOR_CONTEXT_KEY, null);
		return (observation instanceof Observation current && !current.isNoop()) ? current : null;
	}

	/**
	 * Return the observation of the stream round read last, if a provider integration
	 * remembered it.
	 * @return the observation, or {@code null}
	 */
	@Nullable
	public Observation streamRoundObservation() {
		return this.streamRoundObservation;
	}

	/**
	 * Take the round {@link #startObservedRound()} started last, once.
	 * @return the round, or {@code null}
	 */
	@Nullable
	public LlmRound takePendingRound() {
		LlmRound round = this.pendingRound;
		this.pendingRound = null;
		return round;
	}

	/**
	 * Report the usage of a round that asked for tools, read when the tools are called, for
	 * providers whose rounds can be read nowhere else: the round that answers is then read
	 * from the call's response.
	 * @param usage the usage the provider billed for the round
	 */
	public void toolRound(TokenUsage usage) {
		this.toolRoundsOnly = true;
		startRound().usage(usage);
	}

	/**
	 * Return whether the rounds reported are only those that asked for tools.
	 * @return whether the answering round is still to be read
	 */
	boolean toolRoundsOnly() {
		return this.toolRoundsOnly;
	}

	/**
	 * Return whether a provider integration reported rounds of this call.
	 * @return whether there are rounds
	 */
	boolean hasRounds() {
		return this.rounds != null;
	}

	/**
	 * Return the usage of each round that reported one, in the order the rounds started.
	 * @return the usages
	 */
	List<TokenUsage> roundUsages() {
		Queue<LlmRound> queue = this.rounds;
		List<TokenUsage> usages = new ArrayList<>();
		if (queue != null) {
			for (LlmRound round : queue) {
				TokenUsage usage = round.usage();
				if (usage != null) {
					usages.add(usage);
				}
			}
		}
		return usages;
	}

	/**
	 * Return the slot of the current call of this thread.
	 * @return the slot
	 */
	static Slot slot() {
		return CURRENT.get();
	}

	/**
	 * Mark this call finished.
	 * @return whether it was not finished before, so that it is recorded once
	 */
	boolean finish() {
		if (!this.stream) {
			// A blocking call ends on the thread that made it.
			if (this.finished) {
				return false;
			}
			this.finished = true;
			return true;
		}
		// A stream's complete, error and cancel signals may race.
		return FINISHED.compareAndSet(this, false, true);
	}

	/**
	 * Holds the blocking call running on one thread.
	 */
	static final class Slot {

		@Nullable
		LlmCall call;

		/**
		 * Make the given call current.
		 * @param call the call
		 * @return the call that was current before, to restore afterwards
		 */
		@Nullable
		LlmCall enter(LlmCall call) {
			LlmCall previous = this.call;
			this.call = call;
			return previous;
		}

	}

}
