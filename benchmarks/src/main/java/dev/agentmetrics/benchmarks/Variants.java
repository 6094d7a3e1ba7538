package dev.agentmetrics.benchmarks;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * The advisors compared, each with its own registry and a ChatClient using it, as JMH
 * states shared by {@link ChatClientBenchmark} and {@link AdvisorBenchmark}.
 *
 * @author agent-metrics
 */
public final class Variants {

	private Variants() {
	}

	/**
	 * One advisor, called directly with a pre-built request and chain or inside a
	 * ChatClient call, whose setup and teardown check that it records what it should.
	 */
	public abstract static class Variant {

		private final ChatClientRequest request = Fixtures.request();

		private final CallAdvisorChain chain = new FixedResponseChain(Fixtures.clientResponse());

		private PrometheusMeterRegistry registry;

		private CallAdvisor advisor;

		private ChatClient client;

		/**
		 * Create the advisor.
		 * @param registry the registry it records into
		 * @return the advisor, or {@code null} for a ChatClient without one
		 */
		@Nullable
		protected abstract CallAdvisor advisor(PrometheusMeterRegistry registry);

		/**
		 * Return whether the advisor records the call.
		 * @return whether it records
		 */
		protected abstract boolean records();

		/**
		 * Build the advisor and its client, and check that a direct call and a ChatClient
		 * call each record once.
		 */
		@Setup(Level.Trial)
		public void setUp() {
			this.registry = Fixtures.registry();
			this.advisor = advisor(this.registry);
			ChatClient.Builder builder = ChatClient.builder(new FixedChatModel());
			if (this.advisor != null) {
				builder.defaultAdvisors(this.advisor);
				adviseCall();
				verify(1);
			}
			this.client = builder.build();
			call();
			verify((this.advisor != null) ? 2 : 0);
		}

		/**
		 * Check that the measured calls were recorded.
		 */
		@TearDown(Level.Trial)
		public void verify() {
			verify(-1);
		}

		/** Check the recorded calls: exactly {@code expected}, or more than setup's if -1. */
		private void verify(long expected) {
			if (!records()) {
				Checks.check(this.registry.getMeters().isEmpty(), "a variant that records nothing registered meters");
				return;
			}
			long calls = Checks.llmCalls(this.registry, Fixtures.DEFAULT_AGENT);
			Checks.check((expected >= 0) ? calls == expected : calls > 2,
					"expected " + ((expected >= 0) ? expected : "more than 2") + " recorded calls, found " + calls);
		}

		/**
		 * Call the advisor directly, as the advisor chain would.
		 * @return the response
		 */
		public ChatClientResponse adviseCall() {
			return this.advisor.adviseCall(this.request, this.chain);
		}

		/**
		 * Make a whole ChatClient call through the advisor.
		 * @return the response
		 */
		public ChatResponse call() {
			return this.client.prompt("hi").call().chatResponse();
		}

	}

	/** A ChatClient without any advisor of ours. */
	@State(Scope.Benchmark)
	public static class NoAdvisor extends Variant {

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			return null;
		}

		@Override
		protected boolean records() {
			return false;
		}

	}

	/** An advisor that only passes the call on. */
	@State(Scope.Benchmark)
	public static class Empty extends Variant {

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			return new EmptyAdvisor();
		}

		@Override
		protected boolean records() {
			return false;
		}

	}

	/** Hand-written recording into meters registered once. */
	@State(Scope.Benchmark)
	public static class Reference extends Variant {

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			return new ReferenceAdvisor(registry);
		}

		@Override
		protected boolean records() {
			return true;
		}

	}

	/** Hand-written recording that registers every meter on every call. */
	@State(Scope.Benchmark)
	public static class PerCallRegister extends Variant {

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			return new PerCallRegisterAdvisor(registry);
		}

		@Override
		protected boolean records() {
			return true;
		}

	}

	/** The starter's {@code LlmMetricsAdvisor}, built as its auto-configuration builds it. */
	@State(Scope.Benchmark)
	public static class Starter extends Variant {

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			return Fixtures.starter(registry).advisor();
		}

		@Override
		protected boolean records() {
			return true;
		}

	}

}
