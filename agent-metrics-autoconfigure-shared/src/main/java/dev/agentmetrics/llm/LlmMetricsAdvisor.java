package dev.agentmetrics.llm;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.tool.ToolOptions;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.core.Ordered;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * ChatClient advisor that records every call, blocking or streaming, with
 * {@link LlmMetrics}. The agent comes from the {@link AgentMetrics#AGENT} advisor
 * parameter, else from the agent run the call is made in, and the provider from the
 * {@link ProviderResolver}.
 *
 * @author agent-metrics
 */
public final class LlmMetricsAdvisor implements CallAdvisor, StreamAdvisor {

	/**
	 * Default order: outside the other advisors, so that latency and errors include theirs,
	 * and outside Spring AI's tool-calling advisor ({@code HIGHEST_PRECEDENCE + 300}), which
	 * runs the rest of the chain once per round of a tool loop: one ChatClient call is one
	 * call, however many rounds its tools take.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 200;

	private static final FailOpenLogger logger = new FailOpenLogger(LlmMetricsAdvisor.class);

	private final LlmMetrics metrics;

	private final ProviderResolver providers;

	private final String defaultAgent;

	private final int order;

	private LlmMetricsAdvisor(Builder builder) {
		this.metrics = builder.metrics;
		this.defaultAgent = builder.defaultAgent;
		this.providers = builder.providers;
		this.order = builder.order;
	}

	@Override
	public String getName() {
		return "AgentMetricsAdvisor";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		LlmCall call = start(request, false, AgentRunContext.current());
		if (call == null) {
			return chain.nextCall(request);
		}
		LlmCall.Slot slot = LlmCall.slot();
		LlmCall previous = slot.enter(call);
		ChatClientResponse response;
		try {
			response = chain.nextCall(request);
		}
		catch (Throwable ex) {
			this.metrics.failure(call, ex);
			throw ex;
		}
		finally {
			slot.call = previous;
		}
		this.metrics.success(call, (response != null) ? response.chatResponse() : null);
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((reactorContext) -> {
			LlmCall call = start(request, true, AgentRunContext.current(reactorContext));
			if (call == null) {
				return chain.nextStream(request);
			}
			Flux<ChatClientResponse> responses;
			try {
				responses = chain.nextStream(withCallInToolContext(request, call));
			}
			catch (Throwable ex) {
				this.metrics.failure(call, ex);
				throw ex;
			}
			return responses.doOnNext((response) -> this.metrics.chunk(call, response.chatResponse()))
				.doOnComplete(() -> this.metrics.success(call, null))
				.doOnError((ex) -> this.metrics.failure(call, ex))
				.doOnCancel(() -> this.metrics.cancelled(call))
				.contextWrite((context) -> context.put(LlmCall.CONTEXT_KEY, call));
		});
	}

	/**
	 * The request with the call in its options' tool context: a stream runs its tools on
	 * another thread, and the tool context is Spring AI's public way to reach them.
	 */
	private static ChatClientRequest withCallInToolContext(ChatClientRequest request, LlmCall call) {
		try {
			if (request.prompt().getOptions() instanceof ToolCallingChatOptions options) {
				Prompt prompt = request.prompt()
					.mutate()
					.chatOptions(ToolOptions.withToolContext(options, LlmCall.CONTEXT_KEY, call))
					.build();
				return request.mutate().prompt(prompt).build();
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("naming the call of a stream's tools", ex);
		}
		return request;
	}

	@Nullable
	private LlmCall start(ChatClientRequest request, boolean stream, @Nullable AgentRunContext run) {
		try {
			ChatOptions options = request.prompt().getOptions();
			String model = (options != null) ? options.getModel() : null;
			return this.metrics.start(agent(request, run), this.providers.provider(options), model, stream, run);
		}
		catch (Throwable ex) {
			logger.recordingFailed("starting to record an LLM call", ex);
			return null;
		}
	}

	private String agent(ChatClientRequest request, @Nullable AgentRunContext run) {
		Object agent = request.context().get(AgentMetrics.AGENT);
		if (agent != null) {
			String name = agent.toString();
			if (!name.isBlank()) {
				return name;
			}
		}
		return (run != null) ? run.agent() : this.defaultAgent;
	}

	/**
	 * Return a builder of an advisor recording with the given metrics.
	 * @param metrics the metrics to record with
	 * @return the builder
	 */
	public static Builder builder(LlmMetrics metrics) {
		return new Builder(metrics);
	}

	/**
	 * Builder of {@link LlmMetricsAdvisor}.
	 */
	public static final class Builder {

		private final LlmMetrics metrics;

		private String defaultAgent = "default";

		private ProviderResolver providers = new ProviderResolver(ProviderResolver.UNKNOWN);

		private int order = DEFAULT_ORDER;

		private Builder(LlmMetrics metrics) {
			Assert.notNull(metrics, "'metrics' must not be null");
			this.metrics = metrics;
		}

		/**
		 * Set the agent tag of calls that do not name their agent.
		 * @param defaultAgent the agent name
		 * @return this builder
		 */
		public Builder defaultAgent(String defaultAgent) {
			Assert.hasText(defaultAgent, "'defaultAgent' must not be empty");
			this.defaultAgent = defaultAgent;
			return this;
		}

		/**
		 * Set the provider tag of calls whose options do not tell the provider, such as
		 * Spring AI's portable {@code ChatOptions}.
		 * @param defaultProvider the provider, such as {@code openai}
		 * @return this builder
		 */
		public Builder defaultProvider(String defaultProvider) {
			return providerResolver(new ProviderResolver(defaultProvider));
		}

		/**
		 * Set how the provider tag of calls is resolved.
		 * @param providers the resolver
		 * @return this builder
		 */
		public Builder providerResolver(ProviderResolver providers) {
			Assert.notNull(providers, "'providers' must not be null");
			this.providers = providers;
			return this;
		}

		/**
		 * Set the order of the advisor in the chain; lower is outer.
		 * @param order the order
		 * @return this builder
		 */
		public Builder order(int order) {
			this.order = order;
			return this;
		}

		/**
		 * Build the advisor.
		 * @return the advisor
		 */
		public LlmMetricsAdvisor build() {
			return new LlmMetricsAdvisor(this);
		}

	}

}
