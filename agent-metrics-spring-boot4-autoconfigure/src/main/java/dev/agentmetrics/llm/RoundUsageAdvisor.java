package dev.agentmetrics.llm;

import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;

/**
 * Reports the usage of every billed round of a ChatClient call to the call
 * {@link LlmMetricsAdvisor} records. Spring AI 2.0 runs the tool loop in its
 * {@code ToolCallingAdvisor}, which calls the rest of the chain once per round and hands
 * the advisors outside it a merged usage without the provider's details (cached and
 * reasoning tokens); this advisor sits next to the model, inside that loop, and sees each
 * round's own usage, native object included.
 *
 * @author agent-metrics
 */
public final class RoundUsageAdvisor implements CallAdvisor, StreamAdvisor {

	/** Default order: next to the model, so that each round's response is the model's own. */
	public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1;

	private final LlmMetrics metrics;

	private final int order;

	/**
	 * Create an advisor that reports rounds to the given metrics.
	 * @param metrics the metrics the calls are recorded with
	 * @param order the order of this advisor
	 */
	public RoundUsageAdvisor(LlmMetrics metrics, int order) {
		this.metrics = metrics;
		this.order = order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		LlmCall call = LlmCall.current();
		if (call != null) {
			call.checkBeforeRound();
		}
		ChatClientResponse response = chain.nextCall(request);
		if (call != null && response != null) {
			this.metrics.round(call, response.chatResponse());
		}
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((context) -> {
			LlmCall call = context.getOrDefault(LlmCall.CONTEXT_KEY, null);
			if (call == null) {
				return chain.nextStream(request);
			}
			call.checkBeforeRound();
			Flux<ChatClientResponse> responses = chain.nextStream(request);
			// The round is handed to this advisor's observation, an ancestor of the model's,
			// whose span reads it before it ends.
			LlmRound round = call.startRound().streaming().observedIn(context);
			// A round's usage arrives on one of its last chunks, earlier ones carry none; it
			// is read as it arrives, before the model's observation can end.
			return responses.doOnNext((response) -> {
				round.chunk();
				ChatResponse chunk = (response != null) ? response.chatResponse() : null;
				if (hasUsage(chunk)) {
					this.metrics.round(round, chunk);
				}
			});
		});
	}

	private static boolean hasUsage(ChatResponse chunk) {
		if (chunk == null || chunk.getMetadata() == null) {
			return false;
		}
		Usage usage = chunk.getMetadata().getUsage();
		return usage != null && ((usage.getPromptTokens() != null && usage.getPromptTokens() > 0)
				|| (usage.getCompletionTokens() != null && usage.getCompletionTokens() > 0));
	}

	@Override
	public String getName() {
		return "agent-metrics-rounds";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
