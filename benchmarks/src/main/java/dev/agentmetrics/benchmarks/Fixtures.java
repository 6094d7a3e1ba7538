package dev.agentmetrics.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.OpenAiUsages;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.FailedCallHistogramsMeterFilter;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The objects every benchmark shares: the fixed response, the registry configured as the
 * auto-configuration configures it, and the starter's recorders built as its beans are.
 *
 * @author agent-metrics
 */
public final class Fixtures {

	/** Model the requests ask for, as the chat model's default options name it, which the starter tags. */
	public static final String REQUESTED_MODEL = "gpt-4o-mini";

	/** Model the response names, which the starter prices. */
	public static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	/** Prompt tokens of the fixed response, cached ones included. */
	public static final int PROMPT_TOKENS = 1200;

	/** Completion tokens of the fixed response. */
	public static final int COMPLETION_TOKENS = 300;

	/** Cached prompt tokens of the fixed response. */
	public static final int CACHED_TOKENS = 400;

	/** Reasoning tokens of the fixed response. */
	public static final int REASONING_TOKENS = 0;

	/** Agent tag of calls that name no agent, the starter's default. */
	public static final String DEFAULT_AGENT = "default";

	/** Provider tag of calls with {@link OpenAiChatOptions}. */
	public static final String PROVIDER = "openai";

	/** The starter's default bound of distinct tag values ({@code agent-metrics.max-tag-values}). */
	public static final int MAX_TAG_VALUES = 100;

	/** The fixed response, built once: the benchmarks measure recording, not building responses. */
	public static final ChatResponse RESPONSE = response();

	/** The tags of the starter's meters of a call with the fixed response and no agent. */
	public static final Tags MODEL_TAGS = Tags.of(AgentTag.AGENT.asString(), DEFAULT_AGENT, AgentTag.PROVIDER.asString(), PROVIDER,
			AgentTag.MODEL.asString(), REQUESTED_MODEL);

	/** The extra tags of the starter's timer of successful blocking calls. */
	public static final Tags SUCCESS_TAGS = Tags.of(AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS,
			AgentTag.ERROR.asString(), AgentTag.ERROR_NONE, AgentTag.STREAM.asString(), "false");

	private Fixtures() {
	}

	/**
	 * Return a Prometheus registry with the starter's histogram defaults, added as Spring
	 * Boot adds {@code MeterFilter} beans: before any meter is registered, so that every
	 * variant pays for the same histograms.
	 * @return the registry
	 */
	public static PrometheusMeterRegistry registry() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		registry.config()
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.llm()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.runs()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.tools()))
			.meterFilter(new FailedCallHistogramsMeterFilter());
		return registry;
	}

	/**
	 * Return the price the starter applies to {@link #RESPONSE_MODEL}, for the hand-written
	 * variants to compute the same cost.
	 * @return the price
	 */
	public static ModelPrice price() {
		ModelPrice price = DefaultPrices.prices().get(REQUESTED_MODEL);
		if (price == null) {
			throw new IllegalStateException("No default price of " + REQUESTED_MODEL);
		}
		return price;
	}

	/**
	 * Return the cost of the fixed response at {@link #price()}.
	 * @return the cost in USD
	 */
	public static double expectedCost() {
		return price().cost(PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, 0);
	}

	/**
	 * Return the starter's recorders, built with the arguments of its auto-configuration's
	 * defaults.
	 * @param registry the registry to record into
	 * @return the recorders
	 */
	public static Starter starter(PrometheusMeterRegistry registry) {
		// The application context is the event publisher in an application; one with no
		// listeners publishes as cheaply as an application without listeners does.
		GenericApplicationContext context = new GenericApplicationContext();
		context.refresh();
		TagValueLimiter limiter = new TagValueLimiter(MAX_TAG_VALUES);
		ErrorClassifier errorClassifier = new DefaultErrorClassifier();
		ErrorMetrics errorMetrics = new ErrorMetrics(registry);
		LlmMetrics llmMetrics = new LlmMetrics(registry, new PrefixMatchingPriceTable(DefaultPrices.prices()),
				errorClassifier, errorMetrics, List.of(new OpenAiUsageReader()), limiter);
		LlmMetricsAdvisor advisor = LlmMetricsAdvisor.builder(llmMetrics).defaultAgent(DEFAULT_AGENT).build();
		RunMetrics runMetrics = new RunMetrics(registry, errorClassifier, errorMetrics, context, limiter);
		ToolMetrics toolMetrics = new ToolMetrics(registry, errorClassifier, errorMetrics, LoopDetection.DEFAULTS,
				DEFAULT_AGENT, context, limiter);
		return new Starter(advisor, new AgentRuns(runMetrics), toolMetrics, llmMetrics);
	}

	/**
	 * Return a request as ChatClient builds it for {@code prompt("hi")} against
	 * {@link FixedChatModel}.
	 * @return the request
	 */
	public static ChatClientRequest request() {
		return request(Map.of());
	}

	/**
	 * Return a request as ChatClient builds it for {@code prompt("hi")} with the given
	 * advisor parameters.
	 * @param advisorParams the advisor parameters, such as the agent
	 * @return the request
	 */
	public static ChatClientRequest request(Map<String, Object> advisorParams) {
		// ChatClient copies the model's default options and the parameters into a
		// ConcurrentHashMap context; the advisors read both.
		return new ChatClientRequest(new Prompt("hi", defaultOptions()), new ConcurrentHashMap<>(advisorParams));
	}

	/**
	 * Return the response the last advisor of ChatClient's chain returns for
	 * {@link #RESPONSE}.
	 * @return the response
	 */
	public static ChatClientResponse clientResponse() {
		return new ChatClientResponse(RESPONSE, Map.of());
	}

	/**
	 * Return the options an OpenAI chat model has by default.
	 * @return the options
	 */
	public static OpenAiChatOptions defaultOptions() {
		return OpenAiChatOptions.builder().model(REQUESTED_MODEL).build();
	}

	private static ChatResponse response() {
		Usage usage = OpenAiUsages.of(PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, REASONING_TOKENS);
		Generation generation = new Generation(new AssistantMessage("Hello"),
				ChatGenerationMetadata.builder().finishReason("STOP").build());
		return new ChatResponse(List.of(generation),
				ChatResponseMetadata.builder().model(RESPONSE_MODEL).usage(usage).build());
	}

	/**
	 * The starter's recorders, as its auto-configuration wires them.
	 *
	 * @param advisor the ChatClient advisor
	 * @param runs the agent-run API the {@code @AgentRun} aspect calls
	 * @param tools the recorder of tool calls
	 * @param metrics the recorder of LLM calls, which tells spend budgets what calls cost
	 */
	public record Starter(LlmMetricsAdvisor advisor, AgentRuns runs, ToolMetrics tools, LlmMetrics metrics) {
	}

}
