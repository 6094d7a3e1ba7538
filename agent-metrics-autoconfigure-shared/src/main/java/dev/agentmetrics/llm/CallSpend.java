package dev.agentmetrics.llm;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * Tells a {@link SpendListener}, such as the spend budgets, what calls cost: each round
 * of a call as soon as it is billed, priced by the requested model, so that a budget can
 * stop a tool loop after the round that spent it, then at the call's end what the rounds'
 * exact prices add to that. Without a listener it costs one volatile read per call.
 *
 * @author agent-metrics
 */
final class CallSpend {

	private static final FailOpenLogger logger = new FailOpenLogger(CallSpend.class);

	private final LlmCost cost;

	private volatile SpendListener listener = SpendListener.NONE;

	// One for every call: a listener per call would cost an allocation each.
	private final LlmRound.RoundListener rounds = this::round;

	CallSpend(LlmCost cost) {
		this.cost = cost;
	}

	void listener(@Nullable SpendListener listener) {
		this.listener = (listener != null) ? listener : SpendListener.NONE;
	}

	/** Have the rounds of a call that starts told as they are billed. */
	void started(LlmCall call) {
		if (this.listener != SpendListener.NONE) {
			call.roundListener(this.rounds);
		}
	}

	/** Tell what a call cost beyond what its rounds told already. */
	void billed(LlmCall call, double cost) {
		double rest = cost - call.spentByRounds();
		if (rest > 0) {
			this.listener.spent(call.agent, rest);
		}
	}

	private void round(LlmCall call, @Nullable TokenUsage previous, TokenUsage usage) {
		try {
			String model = StringUtils.hasText(call.requestedModel) ? call.requestedModel : "unknown";
			ModelPrice price = this.cost.price(model);
			if (price == null || usage.hasNegative() || (previous != null && previous.hasNegative())) {
				return;
			}
			double delta = cost(model, price, usage) - ((previous != null) ? cost(model, price, previous) : 0);
			if (delta > 0) {
				call.spentByRounds(delta);
				this.listener.spent(call.agent, delta);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("adding the cost of a round to the budgets", ex);
		}
	}

	private static double cost(String model, ModelPrice price, TokenUsage usage) {
		return Math.max(0, LlmCost.of(model, price, usage.input(), usage.output(), usage.cacheRead(),
				usage.cacheWrite(), usage.reasoning(), usage.cacheWrite1h()));
	}

}
