package dev.agentmetrics.llm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.TagValueLimiter;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Records ChatClient calls into Micrometer: latency, tokens, cost, prompt-cache results,
 * unpriced models and errors. Meters are registered once per tag set and cached.
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

	/**
	 * Finish reason of the answer Spring AI 2.0 gives instead of the model's when a tool
	 * loop reaches its tool-call limit.
	 */
	private static final String TOOL_CALL_LIMIT_FINISH_REASON = "toolCallLimitExceeded";

	/** Whether this Spring AI has tool-call limits (2.0 on); 1.1's calls need no check. */
	private static final boolean TOOL_CALL_LIMITS = ClassUtils
		.isPresent("org.springframework.ai.model.tool.ToolCallLimitExceededException", LlmMetrics.class.getClassLoader());

	private final MeterRegistry registry;

	private final Clock clock;

	private final PriceTable prices;

	private final ErrorClassifier errorClassifier;

	private final ErrorMetrics errorMetrics;

	private final List<UsageReader> usageReaders;

	/** Bounds {@link #callSeries} when agent, provider or model names are unbounded. */
	private static final int MAX_CACHED_CALL_SERIES = 1024;

	private final Map<ModelKey, ModelMeters> meters = new ConcurrentHashMap<>();

	/**
	 * The meters of a call by the agent, provider and model it named, before tag limits:
	 * one lookup per name, no key object and no limit check per call.
	 */
	private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, ModelMeters>>> callSeries = new ConcurrentHashMap<>();

	private final AtomicInteger cachedCallSeries = new AtomicInteger();

	private final Map<String, Counter> unpriced = new ConcurrentHashMap<>();

	private final TagValueLimiter.Limit agents;

	private final TagValueLimiter.Limit providers;

	private final TagValueLimiter.Limit models;

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
		this.agents = tagValueLimiter.limit("agent.llm", AgentMeters.AGENT);
		this.providers = tagValueLimiter.limit("agent.llm", AgentMeters.PROVIDER);
		this.models = tagValueLimiter.limit("agent.llm", AgentMeters.MODEL);
		this.registry = registry;
		this.clock = registry.config().clock();
		this.prices = prices;
		this.errorClassifier = errorClassifier;
		this.errorMetrics = errorMetrics;
		this.usageReaders = List.copyOf(usageReaders);
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
		return new LlmCall(agent, provider, requestedModel, stream, this.clock.monotonicTime(), run);
	}

	/**
	 * Note one chunk of a streaming call: its model, the first token and the usage.
	 * @param call the call
	 * @param chunk the chunk, may be {@code null}
	 */
	public void chunk(LlmCall call, @Nullable ChatResponse chunk) {
		try {
			if (chunk == null) {
				return;
			}
			ChatResponseMetadata metadata = chunk.getMetadata();
			if (call.responseModel == null && metadata != null && StringUtils.hasText(metadata.getModel())) {
				call.responseModel = metadata.getModel();
			}
			if (call.firstTokenTime == 0 && hasContent(chunk)) {
				call.firstTokenTime = this.clock.monotonicTime();
			}
			Usage usage = (metadata != null) ? metadata.getUsage() : null;
			boolean hasUsage = !isEmpty(usage);
			// The generations are read once, and only where an answer can depend on them:
			// a chunk with usage, or any chunk where Spring AI has tool-call limits.
			String finishReason = (hasUsage || TOOL_CALL_LIMITS) ? finishReason(chunk) : null;
			if (TOOL_CALL_LIMIT_FINISH_REASON.equals(finishReason)) {
				call.toolCallLimitReached = true;
			}
			if (hasUsage) {
				call.lastUsage = usage;
				// Spring AI accumulates usage over tool rounds, so the largest finish-chunk
				// usage is the whole call's; stale chunks of earlier rounds may come later.
				if (finishReason != null && (call.finishUsage == null || total(usage) >= total(call.finishUsage))) {
					call.finishUsage = usage;
				}
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
			Usage usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage()
					: null;
			if (!isEmpty(usage)) {
				call.startRound().usage(read(usage));
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of a round", ex);
		}
	}

	/**
	 * Record a call that completed.
	 * @param call the call
	 * @param response the response of a blocking call; {@code null} for streams
	 */
	public void success(LlmCall call, @Nullable ChatResponse response) {
		boolean limitReached;
		try {
			limitReached = TOOL_CALL_LIMITS && (call.toolCallLimitReached || isToolCallLimitAnswer(response));
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading a response", ex);
			limitReached = false;
		}
		// The caller gets an answer, but it is the limit's message, not the model's.
		record(call, response, limitReached ? ErrorKind.TOOL_CALL_LIMIT : null);
	}

	/**
	 * Record a call that failed.
	 * @param call the call
	 * @param error the failure
	 */
	public void failure(LlmCall call, Throwable error) {
		ErrorKind kind;
		try {
			kind = this.errorClassifier.classify(error);
		}
		catch (Throwable ex) {
			logger.recordingFailed("classifying an error", ex);
			kind = ErrorKind.UNKNOWN;
		}
		record(call, null, (kind != null) ? kind : ErrorKind.UNKNOWN);
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
			String model = model(call, response);
			ModelMeters modelMeters = modelMeters(call.agent, call.provider(), model);
			modelMeters.requests(error, call.stream).record(end - call.startTime, TimeUnit.NANOSECONDS);
			if (call.stream && call.firstTokenTime != 0) {
				modelMeters.timeToFirstToken().record(call.firstTokenTime - call.startTime, TimeUnit.NANOSECONDS);
			}
			if (error != null) {
				this.errorMetrics.record(modelMeters.key.agent(), AgentMeters.SOURCE_LLM, error);
			}
			// Each billed request counts once in the prompt-cache results: every round the
			// provider integration saw, else the one usage Spring AI reported.
			TokenUsage usage = call.roundsUsage();
			long cacheResults;
			if (usage != null) {
				cacheResults = call.roundCacheResults();
			}
			else {
				usage = springAiUsage(call, response);
				cacheResults = (usage == null) ? 0 : (1L << 32) | ((usage.cacheRead() > 0) ? 1 : 0);
			}
			double cost = (usage != null) ? recordUsage(modelMeters, model, usage, cacheResults) : 0;
			if (call.run != null) {
				call.run.llmCall(cost, (usage != null) ? usage.input() : 0, (usage != null) ? usage.output() : 0);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("recording an LLM call", ex);
		}
	}

	/**
	 * Record the usage of a call and return its cost, 0 when it has none. The cache results
	 * are the billed requests that reported usage and those of them that read from the
	 * prompt cache, packed as {@code requests << 32 | hits}.
	 */
	private double recordUsage(ModelMeters modelMeters, String model, TokenUsage usage, long cacheResults) {
		if (usage.hasNegative()) {
			logger.warnOnce("negative-usage", "agent-metrics ignored the usage " + usage + " of model '" + model
					+ "' because it has negative token counts; no provider bills those");
			return 0;
		}
		UsageMeters usageMeters = modelMeters.usage();
		increment(usageMeters.input, usage.input());
		increment(usageMeters.output, usage.output());
		increment(usageMeters.cacheRead, usage.cacheRead());
		increment(usageMeters.cacheWrite, usage.cacheWrite());
		increment(usageMeters.reasoning, usage.reasoning());
		long hits = cacheResults & 0xFFFFFFFFL;
		increment(usageMeters.cacheHits, hits);
		increment(usageMeters.cacheMisses, (cacheResults >>> 32) - hits);
		ModelPrice price = this.prices.find(model);
		if (price == null) {
			String tagged = modelMeters.key.model();
			Counter counter = this.unpriced.get(tagged);
			(counter != null ? counter : this.unpriced.computeIfAbsent(tagged, this::registerUnpriced)).increment();
			return 0;
		}
		double cost = price.cost(usage.input(), usage.output(), usage.cacheRead(), usage.cacheWrite());
		if (cost >= 0 && Double.isFinite(cost)) {
			modelMeters.cost().increment(cost);
			return cost;
		}
		logger.warnOnce("invalid-price:" + model, "agent-metrics ignored the cost of model '" + model
				+ "' because its price " + price + " gives " + cost + " USD; prices must be non-negative numbers");
		return 0;
	}

	private static void increment(Counter counter, long amount) {
		// Adding 0 changes nothing but still costs an atomic operation; most calls read no
		// cache and reason not at all.
		if (amount != 0) {
			counter.increment(amount);
		}
	}

	/**
	 * The usage Spring AI reported for a call, for when no provider integration captured
	 * its rounds (which stay exact across tool loops, where Spring AI's merged usage loses
	 * the provider's details).
	 */
	@Nullable
	private TokenUsage springAiUsage(LlmCall call, @Nullable ChatResponse response) {
		Usage usage;
		if (call.stream) {
			usage = (call.finishUsage != null) ? call.finishUsage : call.lastUsage;
		}
		else {
			usage = (response != null && response.getMetadata() != null) ? response.getMetadata().getUsage() : null;
		}
		return isEmpty(usage) ? null : read(usage);
	}

	private TokenUsage read(Usage usage) {
		for (UsageReader reader : this.usageReaders) {
			TokenUsage tokens = reader.read(usage);
			if (tokens != null) {
				return tokens;
			}
		}
		return UsageReader.basic(usage);
	}

	private static String model(LlmCall call, @Nullable ChatResponse response) {
		if (response != null && response.getMetadata() != null && StringUtils.hasText(response.getMetadata().getModel())) {
			return response.getMetadata().getModel();
		}
		if (StringUtils.hasText(call.responseModel)) {
			return call.responseModel;
		}
		return StringUtils.hasText(call.requestedModel) ? call.requestedModel : UNKNOWN;
	}

	private static boolean hasContent(ChatResponse chunk) {
		for (Generation generation : chunk.getResults()) {
			if (generation != null && generation.getOutput() != null
					&& (StringUtils.hasLength(generation.getOutput().getText()) || generation.getOutput().hasToolCalls())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the response is the answer Spring AI's tool-calling advisor gives when a tool
	 * loop reaches its limit: a single generation with the limit's finish reason.
	 */
	private static boolean isToolCallLimitAnswer(@Nullable ChatResponse response) {
		Generation generation = (response != null) ? response.getResult() : null;
		return generation != null && generation.getMetadata() != null
				&& TOOL_CALL_LIMIT_FINISH_REASON.equals(generation.getMetadata().getFinishReason());
	}

	/** The first finish reason of a response's generations, {@code null} when none has one. */
	@Nullable
	private static String finishReason(ChatResponse response) {
		for (Generation generation : response.getResults()) {
			if (generation != null && generation.getMetadata() != null
					&& StringUtils.hasText(generation.getMetadata().getFinishReason())) {
				return generation.getMetadata().getFinishReason();
			}
		}
		return null;
	}

	private static boolean isEmpty(@Nullable Usage usage) {
		return usage == null || (total(usage) == 0);
	}

	private static long total(Usage usage) {
		Integer prompt = usage.getPromptTokens();
		Integer completion = usage.getCompletionTokens();
		return ((prompt != null) ? prompt : 0) + ((completion != null) ? completion : 0);
	}

	private ModelMeters modelMeters(String agent, String provider, String model) {
		ConcurrentHashMap<String, ConcurrentHashMap<String, ModelMeters>> byProvider = this.callSeries.get(agent);
		ConcurrentHashMap<String, ModelMeters> byModel = (byProvider != null) ? byProvider.get(provider) : null;
		ModelMeters meters = (byModel != null) ? byModel.get(model) : null;
		if (meters != null) {
			return meters;
		}
		meters = modelMeters(new ModelKey(this.agents.apply(agent), this.providers.apply(provider),
				this.models.apply(model)));
		if (this.cachedCallSeries.get() < MAX_CACHED_CALL_SERIES) {
			// Past the bound, calls of further names take the slower path above, correctly.
			if (this.callSeries.computeIfAbsent(agent, (key) -> new ConcurrentHashMap<>())
				.computeIfAbsent(provider, (key) -> new ConcurrentHashMap<>())
				.putIfAbsent(model, meters) == null) {
				this.cachedCallSeries.incrementAndGet();
			}
		}
		return meters;
	}

	private ModelMeters modelMeters(ModelKey key) {
		// get() first: computeIfAbsent may lock its bin even when the key is present.
		ModelMeters meters = this.meters.get(key);
		return (meters != null) ? meters : this.meters.computeIfAbsent(key, this::register);
	}

	private ModelMeters register(ModelKey key) {
		return new ModelMeters(this.registry, key);
	}

	private Counter registerUnpriced(String model) {
		logger.warnOnce("unpriced:" + model, "agent-metrics has no price for model '" + model
				+ "'; its calls add no cost. Set agent-metrics.pricing.models.[" + model + "].input and .output");
		return Counter.builder(AgentMeters.LLM_UNPRICED_CALLS)
			.description("LLM calls whose model has no price, so no cost was recorded")
			.baseUnit("calls")
			.tag(AgentMeters.MODEL, model)
			.register(this.registry);
	}

	private record ModelKey(String agent, String provider, String model) {
	}

	/** The meters of one agent, provider and model. */
	private static final class ModelMeters {

		private static final ErrorKind[] KINDS = ErrorKind.values();

		private final MeterRegistry registry;

		final ModelKey key;

		// Registered on first use, so that unused combinations publish no series. A race
		// registers twice, and the registry returns the same meter both times.
		private final Timer[] requests = new Timer[(KINDS.length + 1) * 2];

		@Nullable
		private Timer timeToFirstToken;

		@Nullable
		private Counter cost;

		@Nullable
		private UsageMeters usage;

		ModelMeters(MeterRegistry registry, ModelKey key) {
			this.registry = registry;
			this.key = key;
		}

		UsageMeters usage() {
			UsageMeters meters = this.usage;
			if (meters == null) {
				meters = new UsageMeters(this.registry, this.key);
				this.usage = meters;
			}
			return meters;
		}

		Timer requests(@Nullable ErrorKind error, boolean stream) {
			int index = ((error != null) ? error.ordinal() + 1 : 0) * 2 + (stream ? 1 : 0);
			Timer timer = this.requests[index];
			if (timer == null) {
				timer = Timer.builder(AgentMeters.LLM_REQUESTS)
					.description("ChatClient calls, by outcome")
					.tag(AgentMeters.AGENT, this.key.agent())
					.tag(AgentMeters.PROVIDER, this.key.provider())
					.tag(AgentMeters.MODEL, this.key.model())
					.tag(AgentMeters.OUTCOME, (error != null) ? AgentMeters.OUTCOME_ERROR : AgentMeters.OUTCOME_SUCCESS)
					.tag(AgentMeters.ERROR, (error != null) ? error.tagValue() : AgentMeters.ERROR_NONE)
					.tag(AgentMeters.STREAM, Boolean.toString(stream))
					.register(this.registry);
				this.requests[index] = timer;
			}
			return timer;
		}

		Timer timeToFirstToken() {
			Timer timer = this.timeToFirstToken;
			if (timer == null) {
				timer = Timer.builder(AgentMeters.LLM_TIME_TO_FIRST_TOKEN)
					.description("Time from the start of a streaming call to its first content")
					.tag(AgentMeters.AGENT, this.key.agent())
					.tag(AgentMeters.PROVIDER, this.key.provider())
					.tag(AgentMeters.MODEL, this.key.model())
					.register(this.registry);
				this.timeToFirstToken = timer;
			}
			return timer;
		}

		Counter cost() {
			Counter counter = this.cost;
			if (counter == null) {
				counter = Counter.builder(AgentMeters.LLM_COST)
					.description("Cost of LLM calls from the price table")
					.baseUnit("usd")
					.tag(AgentMeters.AGENT, this.key.agent())
					.tag(AgentMeters.PROVIDER, this.key.provider())
					.tag(AgentMeters.MODEL, this.key.model())
					.register(this.registry);
				this.cost = counter;
			}
			return counter;
		}

	}

	/** The counters of the usage of one agent, provider and model, all registered together. */
	private static final class UsageMeters {

		private final MeterRegistry registry;

		private final ModelKey key;

		final Counter input;

		final Counter output;

		final Counter cacheRead;

		final Counter cacheWrite;

		final Counter reasoning;

		final Counter cacheHits;

		final Counter cacheMisses;

		UsageMeters(MeterRegistry registry, ModelKey key) {
			this.registry = registry;
			this.key = key;
			this.input = tokens(AgentMeters.TYPE_INPUT);
			this.output = tokens(AgentMeters.TYPE_OUTPUT);
			this.cacheRead = tokens(AgentMeters.TYPE_CACHE_READ);
			this.cacheWrite = tokens(AgentMeters.TYPE_CACHE_WRITE);
			this.reasoning = tokens(AgentMeters.TYPE_REASONING);
			this.cacheHits = promptCache(AgentMeters.RESULT_HIT);
			this.cacheMisses = promptCache(AgentMeters.RESULT_MISS);
		}

		private Counter tokens(String type) {
			return Counter.builder(AgentMeters.LLM_TOKENS)
				.description("Tokens the provider billed; input includes cache_read and cache_write, "
						+ "output includes reasoning")
				.baseUnit("tokens")
				.tag(AgentMeters.AGENT, this.key.agent())
				.tag(AgentMeters.PROVIDER, this.key.provider())
				.tag(AgentMeters.MODEL, this.key.model())
				.tag(AgentMeters.TYPE, type)
				.register(this.registry);
		}

		private Counter promptCache(String result) {
			return Counter.builder(AgentMeters.LLM_PROMPT_CACHE)
				.description("Billed LLM requests that reported usage, by whether they read from the prompt cache")
				.tag(AgentMeters.AGENT, this.key.agent())
				.tag(AgentMeters.PROVIDER, this.key.provider())
				.tag(AgentMeters.MODEL, this.key.model())
				.tag(AgentMeters.RESULT, result)
				.register(this.registry);
		}

	}

}
