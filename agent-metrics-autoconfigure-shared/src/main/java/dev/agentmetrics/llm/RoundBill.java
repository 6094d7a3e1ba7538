package dev.agentmetrics.llm;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.ModelPrice.CostBreakdown;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * What one billed request to a model cost: its tokens and, when its model is priced, its
 * cost by kind of token, computed as the counters compute it.
 *
 * @param tokens the tokens the provider billed
 * @param cost the cost, {@code null} when the model is not priced or its price gives no
 * valid cost
 * @author agent-metrics
 */
public record RoundBill(TokenUsage tokens, @Nullable CostBreakdown cost) {

	/**
	 * Bill one request: the usage a provider integration reported for its round, else the
	 * response's own, else the one Spring AI reported, priced by the model the response
	 * names, else the one requested.
	 */
	@Nullable
	static RoundBill of(UsageResolver usage, LlmCost cost, @Nullable LlmRound round,
			@Nullable ChatResponse response, String requestedModel) {
		TokenUsage tokens = (round != null) ? round.usage() : null;
		if (tokens == null) {
			tokens = usage.readOwn(response);
		}
		if (tokens == null) {
			tokens = usage.read(response);
		}
		if (tokens == null || tokens.hasNegative()) {
			return null;
		}
		String pricedModel = LlmCost.pricedModel(ChatResponses.model(response), requestedModel);
		return of(tokens, cost.price(pricedModel));
	}

	static RoundBill of(TokenUsage tokens, @Nullable ModelPrice price) {
		if (price == null) {
			return new RoundBill(tokens, null);
		}
		CostBreakdown cost = price.costBreakdown(tokens.input(), tokens.output(), tokens.cacheRead(),
				tokens.cacheWrite(), tokens.cacheWrite1h(), tokens.reasoning());
		boolean valid = cost.total() >= 0 && Double.isFinite(cost.total());
		return new RoundBill(tokens, valid ? cost : null);
	}

}
