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
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;

/**
 * The common way, Spring AI's own meter handlers' way: the same recording as
 * {@link ReferenceAdvisor}, but every meter is looked up with
 * {@code Builder.tags(...).register(registry)} on every call, with tags built from the
 * call.
 *
 * @author agent-metrics
 */
public final class PerCallRegisterAdvisor implements CallAdvisor {

	private final MeterRegistry registry;

	private final Clock clock;

	private final ModelPrice price;

	/**
	 * Create an advisor recording into the given registry.
	 * @param registry the registry
	 */
	public PerCallRegisterAdvisor(MeterRegistry registry) {
		this.registry = registry;
		this.clock = registry.config().clock();
		this.price = Fixtures.price();
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		long start = this.clock.monotonicTime();
		ChatClientResponse response = chain.nextCall(request);
		long duration = this.clock.monotonicTime() - start;
		ChatResponse chatResponse = response.chatResponse();
		String model = (chatResponse != null) ? chatResponse.getMetadata().getModel() : "unknown";
		Tags tags = Tags.of(AgentTag.AGENT.asString(), Fixtures.DEFAULT_AGENT, AgentTag.PROVIDER.asString(), Fixtures.PROVIDER,
				AgentTag.MODEL.asString(), model);
		Timer.builder(AgentMeters.LLM_REQUESTS.getName())
			.tags(tags)
			.tag(AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS)
			.tag(AgentTag.ERROR.asString(), AgentTag.ERROR_NONE)
			.tag(AgentTag.STREAM.asString(), "false")
			.register(this.registry)
			.record(duration, TimeUnit.NANOSECONDS);
		Usage usage = (chatResponse != null) ? chatResponse.getMetadata().getUsage() : null;
		if (usage != null) {
			long input = value(usage.getPromptTokens());
			long output = value(usage.getCompletionTokens());
			long cached = OpenAiUsages.cached(usage);
			tokens(tags, AgentTag.TYPE_INPUT).increment(input);
			tokens(tags, AgentTag.TYPE_OUTPUT).increment(output);
			tokens(tags, AgentTag.TYPE_CACHE_READ).increment(cached);
			Counter.builder(AgentMeters.LLM_COST.getName())
				.baseUnit("usd")
				.tags(tags)
				.register(this.registry)
				.increment(this.price.cost(input, output, cached, 0));
		}
		return response;
	}

	private Counter tokens(Tags tags, String type) {
		return Counter.builder(AgentMeters.LLM_TOKENS.getName())
			.baseUnit("tokens")
			.tags(tags)
			.tag(AgentTag.TYPE.asString(), type)
			.register(this.registry);
	}

	private static long value(Integer value) {
		return (value != null) ? value : 0;
	}

	@Override
	public String getName() {
		return "PerCallRegisterAdvisor";
	}

	@Override
	public int getOrder() {
		return LlmMetricsAdvisor.DEFAULT_ORDER;
	}

}
