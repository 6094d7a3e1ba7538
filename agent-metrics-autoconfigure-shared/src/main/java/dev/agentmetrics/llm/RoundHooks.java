package dev.agentmetrics.llm;

import java.util.function.Consumer;

import org.springframework.lang.Nullable;

/**
 * What an {@link LlmCall} needs of its rounds beyond their usage, made only for calls that
 * need it: the check before each request and the listener of each round's spend (when
 * there are spend budgets), what the rounds cost so far, and the usage billed so far of a
 * chat model whose tool-loop rounds are read merged rather than one by one.
 *
 * @author agent-metrics
 */
final class RoundHooks {

	final LlmCall call;

	@Nullable
	volatile Consumer<String> roundCheck;

	@Nullable
	volatile LlmRound.RoundListener roundListener;

	private double spent;

	// Not one of the call's rounds: it reports the merged usage of all of them so far, so
	// that the listener is told what each new report adds.
	@Nullable
	private LlmRound billedSoFar;

	RoundHooks(LlmCall call) {
		this.call = call;
	}

	synchronized void spent(double usd) {
		this.spent += usd;
	}

	synchronized double spent() {
		return this.spent;
	}

	synchronized LlmRound billedSoFar() {
		if (this.billedSoFar == null) {
			this.billedSoFar = new LlmRound(this);
		}
		return this.billedSoFar;
	}

	@Nullable
	synchronized TokenUsage billedSoFarUsage() {
		return (this.billedSoFar != null) ? this.billedSoFar.usage() : null;
	}

}
