package dev.agentmetrics.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.OpenAiUsages;
import dev.agentmetrics.pricing.ModelPrice;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The lower bound: hand-written Micrometer code that records what the starter records of
 * a call (latency, input, output and cache-read tokens, cost) into meters registered once,
 * for the one agent, provider and model it knows in advance.
 *
 * @author agent-metrics
 */
public final class ReferenceAdvisor implements CallAdvisor {

	private final Clock clock;

	private final ModelPrice price;

	private final Timer requests;

	private final Counter inputTokens;

	private final Counter outputTokens;

	private final Counter cacheReadTokens;

	private final Counter cost;

	/**
	 * Create an advisor and register its meters, with the starter's names and tags.
	 * @param registry the registry to record into
	 */
	public ReferenceAdvisor(MeterRegistry registry) {
		this.clock = registry.config().clock();
		this.price = Fixtures.price();
		this.requests = Timer.builder(AgentMeters.LLM_REQUESTS.getName())
			.tags(Fixtures.MODEL_TAGS)
			.tags(Fixtures.SUCCESS_TAGS)
			.register(registry);
		this.inputTokens = tokens(registry, AgentTag.TYPE_INPUT);
		this.outputTokens = tokens(registry, AgentTag.TYPE_OUTPUT);
		this.cacheReadTokens = tokens(registry, AgentTag.TYPE_CACHE_READ);
		this.cost = Counter.builder(AgentMeters.LLM_COST.getName()).baseUnit("usd").tags(Fixtures.MODEL_TAGS).register(registry);
	}

	private static Counter tokens(MeterRegistry registry, String type) {
		return Counter.builder(AgentMeters.LLM_TOKENS.getName())
			.baseUnit("tokens")
			.tags(Fixtures.MODEL_TAGS)
			.tag(AgentTag.TYPE.asString(), type)
			.register(registry);
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		long start = this.clock.monotonicTime();
		ChatClientResponse response = chain.nextCall(request);
		this.requests.record(this.clock.monotonicTime() - start, TimeUnit.NANOSECONDS);
		ChatResponse chatResponse = response.chatResponse();
		Usage usage = (chatResponse != null) ? chatResponse.getMetadata().getUsage() : null;
		if (usage != null) {
			long input = value(usage.getPromptTokens());
			long output = value(usage.getCompletionTokens());
			long cached = OpenAiUsages.cached(usage);
			this.inputTokens.increment(input);
			this.outputTokens.increment(output);
			this.cacheReadTokens.increment(cached);
			this.cost.increment(this.price.cost(input, output, cached, 0));
		}
		return response;
	}

	private static long value(Integer value) {
		return (value != null) ? value : 0;
	}

	@Override
	public String getName() {
		return "ReferenceAdvisor";
	}

	@Override
	public int getOrder() {
		return LlmMetricsAdvisor.DEFAULT_ORDER;
	}

}
