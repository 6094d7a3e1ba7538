package dev.agentmetrics.tracing;

import java.time.Instant;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmRound;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.RoundBill;
import dev.agentmetrics.llm.TokenUsage;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.tracing.Span;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.lang.Nullable;

/**
 * Adds to the span of each Spring AI chat-model request what agent-metrics recorded for
 * it: its tokens and cost as numbers (Spring AI's own token attributes are strings, which
 * Langfuse drops, and miss cached and reasoning tokens), Langfuse's cost details, and for
 * streams the time to the first chunk.
 *
 * <p>
 * The values are those of the round the counters
 * record, so that the costs of a trace's spans add up to the cost counter.
 *
 * @author agent-metrics
 */
public final class ChatModelSpanFilter extends SpanFilter<ChatModelObservationContext> {

	private static final String SPRING_AI_USAGE_PREFIX = "gen_ai.usage.";

	// The model's observation, the terminal advisor's and the advisor that reads rounds,
	// as Spring AI 2.0 nests them for a stream.
	private static final int ROUND_DEPTH = 3;

	private final LlmMetrics metrics;

	private final boolean captureContent;

	/**
	 * Create a filter.
	 * @param metrics the metrics that bill each request
	 * @param captureContent whether to add prompts and answers
	 */
	public ChatModelSpanFilter(LlmMetrics metrics, boolean captureContent) {
		super(ChatModelObservationContext.class, "adding the usage of an LLM request to its span");
		this.metrics = metrics;
		this.captureContent = captureContent;
	}

	@Override
	void enrich(ChatModelObservationContext context, Span span) {
		LlmRound round = round(context);
		RoundBill bill = this.metrics.bill(round, context.getResponse(), requestedModel(context));
		if (bill != null) {
			removeSpringAiUsage(context);
			TokenUsage tokens = bill.tokens();
			span.tag(GenAiSpanAttributes.INPUT_TOKENS, tokens.input());
			span.tag(GenAiSpanAttributes.OUTPUT_TOKENS, tokens.output());
			span.tag(GenAiSpanAttributes.CACHE_READ_TOKENS, tokens.cacheRead());
			span.tag(GenAiSpanAttributes.CACHE_CREATION_TOKENS, tokens.cacheWrite());
			span.tag(GenAiSpanAttributes.REASONING_TOKENS, tokens.reasoning());
			if (bill.cost() != null) {
				span.tag(GenAiSpanAttributes.COST, bill.cost().total());
				span.tag(GenAiSpanAttributes.LANGFUSE_COST_DETAILS, ContentJson.costDetails(bill.cost()));
			}
		}
		if (round != null && round.timeToFirstChunkNanos() >= 0) {
			span.tag(GenAiSpanAttributes.TIME_TO_FIRST_CHUNK, round.timeToFirstChunkNanos() / 1e9);
			span.tag(GenAiSpanAttributes.LANGFUSE_COMPLETION_START_TIME,
					Instant.ofEpochMilli(round.firstChunkEpochMillis()).toString());
		}
		if (this.captureContent) {
			if (context.getRequest() != null) {
				span.tag(GenAiSpanAttributes.INPUT_MESSAGES, ContentJson.messages(context.getRequest().getInstructions()));
			}
			if (context.getResponse() != null) {
				span.tag(GenAiSpanAttributes.OUTPUT_MESSAGES, ContentJson.answers(context.getResponse()));
			}
		}
	}

	/**
	 * The round a provider integration reported for this request: put in the observation by
	 * a Spring AI 1.1 stream, left on the blocking call by a Spring AI 1.1 request, or put in
	 * the observation of the advisor that reads each round of a Spring AI 2.0 stream. Spring
	 * AI 2.0's blocking requests have none: their response is the round's own.
	 */
	@Nullable
	private static LlmRound round(ChatModelObservationContext context) {
		LlmRound round = context.get(LlmRound.class);
		if (round != null) {
			return round;
		}
		LlmCall call = LlmCall.current();
		round = (call != null) ? call.takePendingRound() : null;
		return (round != null) ? round : Spans.ancestorValue(context, LlmRound.class, ROUND_DEPTH);
	}

	@Nullable
	private static String requestedModel(ChatModelObservationContext context) {
		ChatOptions options = (context.getRequest() != null) ? context.getRequest().getOptions() : null;
		return (options != null) ? options.getModel() : null;
	}

	/** Spring AI's string token counts, which the tracer would write over the numbers. */
	private static void removeSpringAiUsage(Observation.Context context) {
		for (KeyValue keyValue : context.getHighCardinalityKeyValues()) {
			if (keyValue.getKey().startsWith(SPRING_AI_USAGE_PREFIX)) {
				context.removeHighCardinalityKeyValue(keyValue.getKey());
			}
		}
	}

}
