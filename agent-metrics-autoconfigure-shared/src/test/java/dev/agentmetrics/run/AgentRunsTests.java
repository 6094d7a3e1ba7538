package dev.agentmetrics.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import io.micrometer.context.ContextExecutorService;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.ai.chat.client.ChatClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

class AgentRunsTests {

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	// One call: 1,000 prompt tokens (400 cached) and 200 completion tokens of gpt-4o-mini.
	private static final double CALL_COST = (600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1e6;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ErrorMetrics errorMetrics = new ErrorMetrics(this.registry);

	private final AgentRuns runs = new AgentRuns(
			new RunMetrics(this.registry, new DefaultErrorClassifier(), this.errorMetrics));

	private final StubChatModel model = new StubChatModel()
		.answer(StubChatModel.response("Hello", MODEL, StubChatModel.openAiUsage(1000, 200, 400, 0)));

	private final ChatClient chatClient = ChatClient.builder(this.model)
		.defaultAdvisors(LlmMetricsAdvisor.builder(new LlmMetrics(this.registry,
				new PrefixMatchingPriceTable(DefaultPrices.prices()), new DefaultErrorClassifier(), this.errorMetrics,
				List.of(new OpenAiUsageReader())))
			.build())
		.build();

	@Test
	void recordsARunWithItsLlmCallsAndCost() {
		String answer = this.runs.run("support", () -> {
			assertThat(active("support")).isEqualTo(1);
			this.chatClient.prompt("a").call().content();
			return this.chatClient.prompt("b").call().content();
		});
		assertThat(answer).isEqualTo("Hello");
		assertThat(runs("support", "success", "none").count()).isOne();
		assertThat(active("support")).isZero();
		assertThat(summary("agent.run.llm.calls", "support").totalAmount()).isEqualTo(2);
		assertThat(summary("agent.run.tool.calls", "support").totalAmount()).isZero();
		assertThat(summary("agent.run.cost", "support").totalAmount()).isCloseTo(2 * CALL_COST * 1e6, within(1e-9));
		// Calls inside the run carry its agent.
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "support").timer().count()).isEqualTo(2);
	}

	@Test
	void anExplicitAgentParameterWinsOverTheRun() {
		this.runs.run("support", () -> this.chatClient.prompt("a")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "billing"))
			.call()
			.content());
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "billing").timer().count()).isOne();
		assertThat(summary("agent.run.llm.calls", "support").totalAmount()).isEqualTo(1);
	}

	@Test
	void countsNestedRunsAsTheirOwnRuns() {
		this.runs.run("planner", () -> {
			this.chatClient.prompt("plan").call().content();
			this.runs.run("researcher", () -> {
				this.chatClient.prompt("research").call().content();
				this.chatClient.prompt("more").call().content();
			});
		});
		assertThat(summary("agent.run.llm.calls", "planner").totalAmount()).isEqualTo(1);
		assertThat(summary("agent.run.llm.calls", "researcher").totalAmount()).isEqualTo(2);
		assertThat(summary("agent.run.cost", "planner").totalAmount()).isCloseTo(CALL_COST * 1e6, within(1e-9));
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "researcher").timer().count()).isEqualTo(2);
		assertThat(AgentRunContext.current()).isNull();
	}

	@Test
	void recordsAFailedRunAndRethrows() {
		IllegalStateException failure = new IllegalStateException("boom");
		assertThatException().isThrownBy(() -> this.runs.run("support", () -> {
			throw failure;
		})).isSameAs(failure);
		assertThat(runs("support", "error", "unknown").count()).isOne();
		assertThat(this.registry.get("agent.errors").tag("source", "run").tag("kind", "unknown").counter().count())
			.isOne();
		assertThat(active("support")).isZero();
	}

	@Test
	void recordsATimedOutRunAsTimeout() {
		assertThatException().isThrownBy(() -> this.runs.call("support", () -> {
			throw new TimeoutException("too slow");
		}));
		assertThat(runs("support", "timeout", "timeout").count()).isOne();
	}

	@Test
	void aCompletableFutureIsARunUntilItCompletes() {
		CompletableFuture<String> result = new CompletableFuture<>();
		CompletableFuture<String> returned = this.runs.run("async", () -> result);
		assertThat(returned).isSameAs(result);
		assertThat(active("async")).isEqualTo(1);
		assertThat(this.registry.find("agent.runs").timers()).isEmpty();
		result.completeExceptionally(new TimeoutException());
		assertThat(active("async")).isZero();
		assertThat(runs("async", "timeout", "timeout").count()).isOne();
	}

	@Test
	void llmCallsOnAContextPropagatingExecutorBelongToTheRun() throws Exception {
		ExecutorService executor = ContextExecutorService.wrap(Executors.newSingleThreadExecutor());
		try {
			CompletableFuture<String> answer = this.runs.run("async-llm",
					() -> CompletableFuture.supplyAsync(() -> this.chatClient.prompt("q").call().content(), executor));
			assertThat(answer.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("Hello");
		}
		finally {
			executor.shutdownNow();
		}
		// The run ends in a callback of the future, which may run just after get() returns.
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(runs("async-llm", "success", "none").count()).isOne());
		assertThat(summary("agent.run.llm.calls", "async-llm").totalAmount()).isEqualTo(1);
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "async-llm").timer().count()).isOne();
	}

	@Test
	void aMonoIsARunFromSubscriptionToResultWithLlmCallsOnOtherThreads() {
		this.model.stream(Flux.just(StubChatModel.response("Hi", MODEL, null, null),
				StubChatModel.response("!", MODEL, StubChatModel.openAiUsage(1000, 200, 400, 0))));
		Mono<String> answer = this.runs.invoke("reactive", Mono.class,
				() -> Mono.delay(Duration.ofMillis(5))
					.publishOn(Schedulers.boundedElastic())
					.flatMap((tick) -> this.chatClient.prompt("q").stream().content().collectList())
					.map((chunks) -> String.join("", chunks)));
		// Nothing runs before subscription.
		assertThat(this.registry.find("agent.runs.active").tag("agent", "reactive").gauge()).isNull();
		assertThat(answer.block()).isEqualTo("Hi!");
		assertThat(active("reactive")).isZero();
		assertThat(runs("reactive", "success", "none").count()).isOne();
		assertThat(summary("agent.run.llm.calls", "reactive").totalAmount()).isEqualTo(1);
		assertThat(summary("agent.run.cost", "reactive").totalAmount()).isCloseTo(CALL_COST * 1e6, within(1e-9));
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "reactive").timer().count()).isOne();
	}

	@Test
	void blockingLlmCallsOnOtherThreadsOfAMonoRunBelongToItWithAutomaticContextPropagation() {
		Hooks.enableAutomaticContextPropagation();
		try {
			Mono<String> answer = this.runs.invoke("blocking-in-reactive", Mono.class,
					() -> Mono.fromCallable(() -> this.chatClient.prompt("q").call().content())
						.subscribeOn(Schedulers.boundedElastic()));
			assertThat(answer.block()).isEqualTo("Hello");
		}
		finally {
			Hooks.disableAutomaticContextPropagation();
		}
		assertThat(summary("agent.run.llm.calls", "blocking-in-reactive").totalAmount()).isEqualTo(1);
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "blocking-in-reactive").timer().count())
			.isOne();
	}

	@Test
	void aCancelledFluxEndsItsRunAsCancelled() {
		Flux<Long> ticks = this.runs.invoke("ticker", Flux.class, () -> Flux.interval(Duration.ofMillis(1)));
		assertThat(ticks.take(3).collectList().block()).hasSize(3);
		assertThat(runs("ticker", "error", "cancelled").count()).isOne();
		assertThat(active("ticker")).isZero();
	}

	private io.micrometer.core.instrument.Timer runs(String agent, String outcome, String error) {
		return this.registry.get("agent.runs").tag("agent", agent).tag("outcome", outcome).tag("error", error).timer();
	}

	private double active(String agent) {
		return this.registry.get("agent.runs.active").tag("agent", agent).gauge().value();
	}

	private DistributionSummary summary(String name, String agent) {
		return this.registry.get(name).tag("agent", agent).summary();
	}

}
