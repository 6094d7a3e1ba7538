package dev.agentmetrics.resilience;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.ProviderResolver;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * ChatClient advisor that runs every call, blocking or streaming, inside a Resilience4j
 * circuit breaker, so that a provider outage opens the breaker and further calls fail fast
 * with {@code CallNotPermittedException} instead of piling up. Only failures of the
 * configured kinds (by default those that say the provider is unhealthy) count toward
 * opening; other failures release their permission without being recorded.
 *
 * @author agent-metrics
 */
public final class CircuitBreakerAdvisor implements CallAdvisor, StreamAdvisor {

	/** Default order: just inside the metrics advisor, which so records rejected calls. */
	public static final int DEFAULT_ORDER = LlmMetricsAdvisor.DEFAULT_ORDER + 1;

	/** Kinds of failure that say the provider is unhealthy. */
	public static final Set<ErrorKind> DEFAULT_RECORD_KINDS = Set.copyOf(
			EnumSet.of(ErrorKind.RATE_LIMIT, ErrorKind.SERVER_ERROR, ErrorKind.TIMEOUT, ErrorKind.NETWORK));

	private final CircuitBreakerRegistry circuitBreakers;

	private final ErrorClassifier errorClassifier;

	private final Set<ErrorKind> recordKinds;

	@Nullable
	private final String instance;

	private final ProviderResolver providers;

	private final int order;

	private CircuitBreakerAdvisor(Builder builder) {
		this.circuitBreakers = builder.circuitBreakers;
		this.errorClassifier = FailOpenErrorClassifier.of(builder.errorClassifier);
		this.recordKinds = Set.copyOf(builder.recordKinds);
		this.instance = builder.instance;
		this.providers = builder.providers;
		this.order = builder.order;
	}

	@Override
	public String getName() {
		return "AgentMetricsCircuitBreakerAdvisor";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		CircuitBreaker circuitBreaker = circuitBreaker(request);
		circuitBreaker.acquirePermission();
		long start = circuitBreaker.getCurrentTimestamp();
		ChatClientResponse response;
		try {
			response = chain.nextCall(request);
		}
		catch (Throwable ex) {
			onError(circuitBreaker, start, ex);
			throw ex;
		}
		circuitBreaker.onSuccess(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit());
		return response;
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.defer(() -> {
			CircuitBreaker circuitBreaker = circuitBreaker(request);
			// Rejected here, before any request is made.
			circuitBreaker.acquirePermission();
			long start = circuitBreaker.getCurrentTimestamp();
			return chain.nextStream(request)
				.doOnComplete(() -> circuitBreaker.onSuccess(circuitBreaker.getCurrentTimestamp() - start,
						circuitBreaker.getTimestampUnit()))
				.doOnError((ex) -> onError(circuitBreaker, start, ex))
				.doOnCancel(circuitBreaker::releasePermission);
		});
	}

	private void onError(CircuitBreaker circuitBreaker, long start, Throwable error) {
		if (this.recordKinds.contains(this.errorClassifier.classify(error))) {
			circuitBreaker.onError(circuitBreaker.getCurrentTimestamp() - start, circuitBreaker.getTimestampUnit(),
					error);
		}
		else {
			// A caller's mistake says nothing about the provider's health.
			circuitBreaker.releasePermission();
		}
	}

	private CircuitBreaker circuitBreaker(ChatClientRequest request) {
		return this.circuitBreakers.circuitBreaker(name(request));
	}

	private String name(ChatClientRequest request) {
		Object name = request.context().get(AgentMetrics.CIRCUIT_BREAKER);
		if (name != null && !name.toString().isBlank()) {
			return name.toString();
		}
		if (this.instance != null) {
			return this.instance;
		}
		return this.providers.provider(request.prompt().getOptions());
	}

	/**
	 * Return a builder of an advisor taking its breakers from the given registry.
	 * @param circuitBreakers the registry
	 * @param errorClassifier the classifier of failures
	 * @return the builder
	 */
	public static Builder builder(CircuitBreakerRegistry circuitBreakers, ErrorClassifier errorClassifier) {
		return new Builder(circuitBreakers, errorClassifier);
	}

	/**
	 * Builder of {@link CircuitBreakerAdvisor}.
	 */
	public static final class Builder {

		private final CircuitBreakerRegistry circuitBreakers;

		private final ErrorClassifier errorClassifier;

		private Set<ErrorKind> recordKinds = DEFAULT_RECORD_KINDS;

		@Nullable
		private String instance;

		private ProviderResolver providers = new ProviderResolver(ProviderResolver.UNKNOWN);

		private int order = DEFAULT_ORDER;

		private Builder(CircuitBreakerRegistry circuitBreakers, ErrorClassifier errorClassifier) {
			Assert.notNull(circuitBreakers, "'circuitBreakers' must not be null");
			Assert.notNull(errorClassifier, "'errorClassifier' must not be null");
			this.circuitBreakers = circuitBreakers;
			this.errorClassifier = errorClassifier;
		}

		/**
		 * Set the kinds of failure that count toward opening the breaker.
		 * @param recordKinds the kinds
		 * @return this builder
		 */
		public Builder recordKinds(Set<ErrorKind> recordKinds) {
			Assert.notNull(recordKinds, "'recordKinds' must not be null");
			this.recordKinds = recordKinds;
			return this;
		}

		/**
		 * Use one breaker of the given name for every call, instead of one per provider.
		 * @param instance the breaker name, or {@code null} for one per provider
		 * @return this builder
		 */
		public Builder instance(@Nullable String instance) {
			this.instance = instance;
			return this;
		}

		/**
		 * Set the provider whose breaker calls use when their options do not tell theirs.
		 * @param defaultProvider the provider
		 * @return this builder
		 */
		public Builder defaultProvider(String defaultProvider) {
			return providerResolver(new ProviderResolver(defaultProvider));
		}

		/**
		 * Set how the provider whose breaker a call uses is resolved.
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
		public CircuitBreakerAdvisor build() {
			return new CircuitBreakerAdvisor(this);
		}

	}

}
