package dev.agentmetrics.llm;

import io.micrometer.observation.Observation;
import reactor.util.context.ContextView;

import org.springframework.lang.Nullable;

/**
 * One billed request to the model within an {@link LlmCall}, such as one round of a tool
 * loop: the usage the provider billed for it and, for a stream, when its first chunk came.
 *
 * @author agent-metrics
 */
public final class LlmRound {

	@Nullable
	private volatile TokenUsage usage;

	// When a streaming round was subscribed to and sent its first chunk, for its span:
	// System.nanoTime() and the wall clock, 0 until known.
	private volatile long streamStart;

	private volatile long firstChunk;

	private volatile long firstChunkEpochMillis;

	// The call's hooks, if any, whose listener of billed rounds the spend budgets use to
	// count each round of a tool loop as soon as it is billed.
	@Nullable
	private final RoundHooks hooks;

	LlmRound(@Nullable RoundHooks hooks) {
		this.hooks = hooks;
	}

	/**
	 * Note that this round streams, from now.
	 * @return this round
	 */
	public LlmRound streaming() {
		this.streamStart = System.nanoTime();
		return this;
	}

	/**
	 * Hand this round to the observation a stream's Reactor context carries, for the
	 * span of the model's request to read before it ends.
	 * @param context the Reactor context of the round's stream
	 * @return this round
	 */
	public LlmRound observedIn(ContextView context) {
		Observation observation = LlmCall.observation(context);
		if (observation != null) {
			observation.getContext().put(LlmRound.class, this);
		}
		return this;
	}

	/**
	 * Note a chunk of this round's stream; the first one sets its time to first chunk.
	 */
	public void chunk() {
		if (this.firstChunk == 0 && this.streamStart != 0) {
			this.firstChunkEpochMillis = System.currentTimeMillis();
			this.firstChunk = System.nanoTime();
		}
	}

	/**
	 * Return the usage reported for this round.
	 * @return the usage, or {@code null} while none is
	 */
	@Nullable
	public TokenUsage usage() {
		return this.usage;
	}

	/**
	 * Return how long this streaming round took to send its first chunk.
	 * @return the nanoseconds, or -1 for a blocking round or one without chunks
	 */
	public long timeToFirstChunkNanos() {
		long first = this.firstChunk;
		return (first != 0) ? first - this.streamStart : -1;
	}

	/**
	 * Return when this streaming round sent its first chunk.
	 * @return the epoch milliseconds, or 0 when unknown
	 */
	public long firstChunkEpochMillis() {
		return (this.firstChunk != 0) ? this.firstChunkEpochMillis : 0;
	}

	/**
	 * Report the usage the provider billed for this round; a later report replaces an
	 * earlier one.
	 * @param usage the usage
	 */
	public void usage(TokenUsage usage) {
		TokenUsage previous = this.usage;
		this.usage = usage;
		RoundListener listener = (this.hooks != null) ? this.hooks.roundListener : null;
		if (listener != null) {
			listener.billed(this.hooks.call, previous, usage);
		}
	}

	/**
	 * Told the usage of each round of a call as it is reported.
	 */
	@FunctionalInterface
	interface RoundListener {

		/**
		 * Take the usage of a round.
		 * @param call the call of the round
		 * @param previous what the round reported before, {@code null} the first time
		 * @param usage what it reports now
		 */
		void billed(LlmCall call, @Nullable TokenUsage previous, TokenUsage usage);

	}

}
