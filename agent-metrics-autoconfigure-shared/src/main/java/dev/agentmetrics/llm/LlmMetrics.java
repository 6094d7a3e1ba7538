package dev.agentmetrics.llm;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;

import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.TagValueLimiter;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;

/**
 * Records ChatClient calls into Micrometer: latency, tokens, cost, prompt-cache results,
 * unpriced models and errors. It handles a call's events ({@link #start start},
 * {@link #chunk chunk}, {@link #round round}, {@link #success success},
 * {@link #failure failure}, {@link #cancelled cancelled}), keeping the call's state in its
 * {@link LlmCall}, resolving its usage with {@link UsageReader}s, pricing it from the
 * {@link PriceTable}, and recording into meters registered once per tag set.
 *
 * <p>
 * Every method is fail-open: a problem while recording is logged once and never reaches
 * the application's call.
 *
 * @author agent-metrics
 */
public class LlmMetrics {

	private static final FailOpenLogger logger = new FailOpenLogger(LlmMetrics.class);

	private static final String UNKNOWN = "unknown";

	private final Clock clock;

	private final LlmMeters meters;

	private final LlmCost cost;

	private final UsageResolver usage;

	private final ErrorClassifier errorClassifier;

	private final ErrorMetrics errorMetrics;

	// Tells the spend budgets, if any, what each call and each of its rounds billed.
	private final CallSpend spend;

	/**
	 * Create an instance.
	 * @param registry the registry to record into
	 * @param prices the prices of models
	 * @param errorClassifier the classifier of failures
	 * @param errorMetrics the recorder of {@code agent.errors}
	 * @param usageReaders readers of providers' native usage, tried in order
	 */
	public LlmMetrics(MeterRegistry registry, PriceTable prices, ErrorClassifier errorClassifier,
			ErrorMetrics errorMetrics, List<UsageReader> usageReaders) {
		this(registry, prices, errorClassifier, errorMetrics, usageReaders, TagValueLimiter.unlimited());
	}

	/**
	 * Create an instance that bounds the values of its tags.
	 * @param registry the registry to record into
	 * @param prices the prices of models
	 * @param errorClassifier the classifier of failures
	 * @param errorMetrics the recorder of {@code agent.errors}
	 * @param usageReaders readers of providers' native usage, tried in order
	 * @param tagValueLimiter the bounds of tag values
	 */
	public LlmMetrics(MeterRegistry registry, PriceTable prices, ErrorClassifier errorClassifier,
			ErrorMetrics errorMetrics, List<UsageReader> usageReaders, TagValueLimiter tagValueLimiter) {
		this.clock = registry.config().clock();
		this.meters = new LlmMeters(registry, tagValueLimiter);
		this.cost = new LlmCost(prices);
		this.spend = new CallSpend(this.cost);
		this.usage = new UsageResolver(usageReaders);
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
		this.errorMetrics = errorMetrics;
	}

	/**
	 * Tell the given listener what each call billed, once its cost is known.
	 * @param listener the listener
	 */
	public void spendListener(SpendListener listener) {
		this.spend.listener(listener);
	}

	/**
	 * Start recording a call.
	 * @param agent the agent tag
	 * @param provider the provider tag
	 * @param requestedModel the model the request asks for, if known
	 * @param stream whether the call streams
	 * @return the call
	 */
	public LlmCall start(String agent, String provider, @Nullable String requestedModel, boolean stream) {
		return start(agent, provider, requestedModel, stream, null);
	}

	/**
	 * Start recording a call made inside an agent run, which it adds its cost to.
	 * @param agent the agent tag
	 * @param provider the provider tag
	 * @param requestedModel the model the request asks for, if known
	 * @param stream whether the call streams
	 * @param run the run the call belongs to, if any
	 * @return the call
	 */
	public LlmCall start(String agent, String provider, @Nullable String requestedModel, boolean stream,
			@Nullable AgentRunContext run) {
		LlmCall call = new LlmCall(agent, provider, requestedModel, stream, this.clock.monotonicTime(), run);
		this.spend.started(call);
		return call;
	}

	/**
	 * Note one chunk of a streaming call: its model, the first token and the usage.
	 * @param call the call
	 * @param chunk the chunk, may be {@code null}
	 */
	public void chunk(LlmCall call, @Nullable ChatResponse chunk) {
		try {
			if (chunk != null && call.progress != null) {
				call.progress.chunk(chunk, this.clock);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading a stream chunk", ex);
		}
	}

	/**
	 * Note one billed round of a call, such as one request of a tool loop that Spring AI
	 * runs in the advisor chain, with the usage its response reports; a round without usage
	 * counts nothing.
	 * @param call the call
	 * @param response the round's response, may be {@code null}
	 */
	public void round(LlmCall call, @Nullable ChatResponse response) {
		try {
			TokenUsage tokens = this.usage.read(response);
			if (tokens != null) {
				call.startRound().usage(tokens);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of a round", ex);
		}
	}

	/**
	 * Report the usage of a round started before, such as a stream's, which reported its
	 * chunks to the round as they came; a round without usage counts nothing.
	 * @param round the round
	 * @param response the round's response, or its chunk that carries the usage, may be
	 * {@code null}
	 */
	public void round(LlmRound round, @Nullable ChatResponse response) {
		try {
			TokenUsage tokens = this.usage.read(response);
			if (tokens != null) {
				round.usage(tokens);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of a round", ex);
		}
	}

	/**
	 * Return what one billed request cost, as the counters record it: the usage a provider
	 * integration reported for its round, else the one its response carries, priced by the
	 * model the response names, else the one requested. Traces put it on the request's span.
	 * @param round the round a provider integration reported, if any
	 * @param response the request's response, may be {@code null}
	 * @param requestedModel the model the request asked for, if known
	 * @return the bill, or {@code null} when the request reports no usage
	 */
	@Nullable
	public RoundBill bill(@Nullable LlmRound round, @Nullable ChatResponse response,
			@Nullable String requestedModel) {
		return RoundBill.of(this.usage, this.cost, round, response,
				StringUtils.hasText(requestedModel) ? requestedModel : UNKNOWN);
	}

	/**
	 * Record a call that completed.
	 * @param call the call
	 * @param response the response of a blocking call; {@code null} for streams
	 */
	public void success(LlmCall call, @Nullable ChatResponse response) {
		record(call, response, answerError(call, response));
	}

	/**
	 * The kind of error of an answer the caller got that is not the model's: the message of
	 * Spring AI's tool-call limit, or what a provider's content filter left of it.
	 */
	@Nullable
	private static ErrorKind answerError(LlmCall call, @Nullable ChatResponse response) {
		try {
			if (call.progress != null) {
				return call.progress.toolCallLimitReached() ? ErrorKind.TOOL_CALL_LIMIT
						: call.progress.contentFiltered() ? ErrorKind.CONTENT_FILTER : null;
			}
			String finishReason = (response != null) ? ChatResponses.finishReason(response) : null;
			if (ChatResponses.TOOL_CALL_LIMITS && ChatResponses.TOOL_CALL_LIMIT_FINISH_REASON.equals(finishReason)
					&& response.getResults().size() == 1) {
				return ErrorKind.TOOL_CALL_LIMIT;
			}
			return ChatResponses.isContentFilter(finishReason) ? ErrorKind.CONTENT_FILTER : null;
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading a response", ex);
			return null;
		}
	}

	/**
	 * Record a call that failed.
	 * @param call the call
	 * @param error the failure
	 */
	public void failure(LlmCall call, Throwable error) {
		record(call, null, this.errorClassifier.classify(error));
	}

	/**
	 * Record a streaming call its subscriber cancelled.
	 * @param call the call
	 */
	public void cancelled(LlmCall call) {
		record(call, null, ErrorKind.CANCELLED);
	}

	private void record(LlmCall call, @Nullable ChatResponse response, @Nullable ErrorKind error) {
		try {
			if (!call.finish()) {
				return;
			}
			long end = this.clock.monotonicTime();
			String billedModel = billedModel(call, response);
			String model = model(call, billedModel);
			LlmMeters.ModelMeters modelMeters = this.meters.of(call.agent, call.provider(), model);
			modelMeters.requests(error, call.stream).record(end - call.startTime, TimeUnit.NANOSECONDS);
			if (call.progress != null && call.progress.firstContentTime() != 0) {
				modelMeters.timeToFirstToken()
					.record(call.progress.firstContentTime() - call.startTime, TimeUnit.NANOSECONDS);
			}
			if (error != null) {
				this.errorMetrics.record(modelMeters.key.agent(), AgentTag.SOURCE_LLM, error);
			}
			bill(call, response, modelMeters, model, billedModel);
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording an LLM call", ex);
		}
	}

	/**
	 * Record what a call billed, on its own: a usage reader or price that fails loses the
	 * call's tokens and cost, never its latency sample, recorded before.
	 */
	private void bill(LlmCall call, @Nullable ChatResponse response, LlmMeters.ModelMeters modelMeters, String model,
			@Nullable String billedModel) {
		try {
			// Each billed request counts once in the prompt-cache results: every round a
			// provider integration saw, else the one usage Spring AI reported.
			List<TokenUsage> rounds = call.hasRounds() ? call.roundUsages() : List.of();
			if (call.toolRoundsOnly()) {
				TokenUsage answer = this.usage.readOwn((call.progress != null) ? call.progress.finishChunk() : response);
				if (answer != null) {
					rounds.add(answer);
				}
			}
			if (!rounds.isEmpty()) {
				billRounds(call, modelMeters, model, billedModel, rounds);
				return;
			}
			boolean read = this.usage.readCall(call, response);
			TokenUsage soFar = failedLoop(call, response);
			if (soFar != null && soFar.input() + soFar.output() > call.input + call.output) {
				// The rounds billed before the loop failed outweigh what its stream told.
				call.tokens(soFar.input(), soFar.output(), soFar.cacheRead(), soFar.cacheWrite(), soFar.reasoning(),
						soFar.cacheWrite1h());
				read = true;
			}
			if (read) {
				billed(call, modelMeters, model, billedModel, call.input, call.output, call.cacheRead, call.cacheWrite,
						call.reasoning, call.cacheWrite1h);
			}
			else if (call.run != null) {
				call.run.llmCall(call.provider(), 0, 0, 0);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording the usage of an LLM call", ex);
		}
	}

	/**
	 * The usage a chat model merged over the rounds of a tool loop that failed before it
	 * answered, as reported where it ran their tools, or {@code null}.
	 */
	@Nullable
	private static TokenUsage failedLoop(LlmCall call, @Nullable ChatResponse response) {
		return (response == null) ? call.billedSoFar() : null;
	}

	/**
	 * Record the rounds of a call: their summed tokens, and the sum of their costs, each
	 * round priced on its own, as the provider billed it (a long-context tier applies to
	 * one request's prompt, not to a loop's).
	 */
	private void billRounds(LlmCall call, LlmMeters.ModelMeters modelMeters, String model, @Nullable String billedModel,
			List<TokenUsage> rounds) {
		TokenUsage sum = TokenUsage.ZERO;
		int requests = 0;
		int hits = 0;
		for (TokenUsage round : rounds) {
			if (round.hasNegative()) {
				warnNegative(model, round);
				continue;
			}
			sum = sum.plus(round);
			requests++;
			hits += (round.cacheRead() > 0) ? 1 : 0;
		}
		modelMeters.usage()
			.record(sum.input(), sum.output(), sum.cacheRead(), sum.cacheWrite(), sum.reasoning(), requests, hits);
		double cost = 0;
		String pricedModel = LlmCost.pricedModel(billedModel, model);
		ModelPrice price = this.cost.price(pricedModel);
		if (price == null) {
			this.meters.unpriced(modelMeters.key.model(), pricedModel);
		}
		else {
			for (TokenUsage round : rounds) {
				if (!round.hasNegative()) {
					double roundCost = LlmCost.of(pricedModel, price, round.input(), round.output(), round.cacheRead(),
							round.cacheWrite(), round.reasoning(), round.cacheWrite1h());
					cost += Math.max(0, roundCost);
				}
			}
			modelMeters.cost().increment(cost);
			this.spend.billed(call, cost);
		}
		if (call.run != null) {
			call.run.llmCall(call.provider(), cost, sum.input(), sum.output());
		}
	}

	// Out of line: the hot path stays small.
	private static void warnNegative(String model, TokenUsage usage) {
		logger.warnOnce("negative-usage", "agent-metrics ignored the usage of model '" + model + "' (" + usage
				+ ") because it has negative token counts; no provider bills those");
	}

	/**
	 * Record what a call billed in one request: its tokens, prompt-cache result and cost,
	 * and add them to its run.
	 */
	private void billed(LlmCall call, LlmMeters.ModelMeters modelMeters, String model, @Nullable String billedModel,
			long input, long output, long cacheRead, long cacheWrite, long reasoning, long cacheWrite1h) {
		double cost = 0;
		if ((input | output | cacheRead | cacheWrite | reasoning | cacheWrite1h) < 0) {
			warnNegative(model, new TokenUsage(input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h));
			input = 0;
			output = 0;
		}
		else {
			modelMeters.usage().record(input, output, cacheRead, cacheWrite, reasoning, 1, (cacheRead > 0) ? 1 : 0);
			String pricedModel = LlmCost.pricedModel(billedModel, model);
			ModelPrice price = this.cost.price(pricedModel);
			if (price == null) {
				this.meters.unpriced(modelMeters.key.model(), pricedModel);
			}
			else {
				cost = LlmCost.of(pricedModel, price, input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h);
				if (cost == LlmCost.INVALID) {
					cost = 0;
				}
				else {
					modelMeters.cost().increment(cost);
					this.spend.billed(call, cost);
				}
			}
		}
		if (call.run != null) {
			call.run.llmCall(call.provider(), cost, input, output);
		}
	}

	/** The model the response names, which the provider billed, {@code null} when none does. */
	@Nullable
	private static String billedModel(LlmCall call, @Nullable ChatResponse response) {
		String model = ChatResponses.model(response);
		return (model == null && call.progress != null) ? call.progress.model() : model;
	}

	/**
	 * The model tag of a call: the model the request asked for, the same for its successes,
	 * failures and billed rounds, else the one the response names.
	 */
	private static String model(LlmCall call, @Nullable String billedModel) {
		if (StringUtils.hasText(call.requestedModel)) {
			return call.requestedModel;
		}
		return (billedModel != null) ? billedModel : UNKNOWN;
	}

}
