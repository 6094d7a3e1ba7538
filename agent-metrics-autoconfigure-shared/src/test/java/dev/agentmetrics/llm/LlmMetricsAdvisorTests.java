package dev.agentmetrics.llm;

import java.time.Duration;
import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.pricing.PriceTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

@ExtendWith(OutputCaptureExtension.class)
class LlmMetricsAdvisorTests {

	/** The model the stub's requests ask for, which tags every meter of their calls. */
	private static final String MODEL = "gpt-4o-mini";

	/** The model the provider answers with, which prices the calls. */
	private static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final StubChatModel model = new StubChatModel();

	@Test
	void recordsLatencyTokensCostAndCacheHitOfABlockingCall() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, StubChatModel.openAiUsage(1000, 200, 400, 50)));
		String answer = chatClient(prices()).prompt("Hi").call().content();
		assertThat(answer).isEqualTo("Hello");
		assertThat(requests("success", "none", "false").count()).isOne();
		assertThat(tokens("input")).isEqualTo(1000);
		assertThat(tokens("output")).isEqualTo(200);
		assertThat(tokens("cache_read")).isEqualTo(400);
		assertThat(tokens("cache_write")).isZero();
		assertThat(tokens("reasoning")).isEqualTo(50);
		// gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output per million tokens.
		assertThat(cost()).isCloseTo((600 * 0.15 + 400 * 0.075 + 200 * 0.60) / 1e6, within(1e-15));
		assertThat(promptCache("hit")).isOne();
		assertThat(promptCache("miss")).isZero();
	}

	@Test
	void tagsTheAgentNamedByTheAdvisorParameter() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, StubChatModel.openAiUsage(10, 2, 0, 0)));
		chatClient(prices()).prompt("Hi").advisors((a) -> a.param(AgentMetrics.AGENT, "support")).call().content();
		assertThat(this.registry.get("agent.llm.requests").tag("agent", "support").tag("provider", "openai")
			.tag("model", MODEL).timer().count()).isOne();
		assertThat(this.registry.get("agent.llm.prompt.cache").tag("agent", "support").tag("result", "miss")
			.counter().count()).isOne();
	}

	@Test
	void usesTheDefaultProviderForPortableOptions() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, new DefaultUsage(10, 2)));
		LlmMetrics metrics = new LlmMetrics(this.registry, prices(), new DefaultErrorClassifier(),
				new ErrorMetrics(this.registry), List.of());
		ChatClient chatClient = ChatClient.builder(this.model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(metrics).defaultProvider("openai").build())
			.build();
		chatClient.prompt(new Prompt("Hi", ChatOptions.builder().model("gpt-4o-mini").build())).call().content();
		assertThat(this.registry.get("agent.llm.requests").tag("provider", "openai").timer().count()).isOne();
	}

	@Test
	void fallsBackToTheRequestedModelWhenTheResponseNamesNone() {
		this.model.answer(StubChatModel.response("Hello", "", new DefaultUsage(10, 2)));
		chatClient(prices()).prompt("Hi").call().content();
		assertThat(this.registry.get("agent.llm.tokens").tag("model", "gpt-4o-mini").tag("type", "input")
			.counter().count()).isEqualTo(10);
	}

	@Test
	void tagsSuccessesAndFailuresOfOneModelWithTheRequestedNameAndPricesTheBilledOne() {
		this.model.model("gpt-4o").answer(StubChatModel.response("Hello", "gpt-4o-2024-05-13", StubChatModel.openAiUsage(1000, 100, 0, 0)));
		ChatClient chatClient = chatClient(prices());
		chatClient.prompt("Hi").call().content();
		this.model.answer((prompt) -> {
			throw new NonTransientAiException("HTTP 500 - {\"error\":{\"message\":\"boom\"}}");
		});
		assertThatException().isThrownBy(() -> chatClient.prompt("Hi").call().content());
		assertThat(this.registry.find("agent.llm.requests").timers())
			.allSatisfy((timer) -> assertThat(timer.getId().getTag("model")).isEqualTo("gpt-4o"))
			.hasSize(2);
		// The first gpt-4o snapshot lists at 5 and 15 USD, not gpt-4o's 2.50 and 10.
		assertThat(this.registry.get("agent.llm.cost").tag("model", "gpt-4o").counter().count())
			.isCloseTo((1000 * 5.00 + 100 * 15.00) / 1e6, within(1e-15));
	}

	@Test
	void recordsAnAnswerAContentFilterStoppedAsAContentFilterErrorWithItsTokens() {
		this.model.answer(StubChatModel.response("", RESPONSE_MODEL, StubChatModel.openAiUsage(100, 0, 0, 0),
				"content_filter"));
		chatClient(prices()).prompt("Hi").call().content();
		assertThat(requests("error", "content_filter", "false").count()).isOne();
		assertThat(this.registry.get("agent.errors").tag("kind", "content_filter").counter().count()).isOne();
		assertThat(tokens("input")).isEqualTo(100);
	}

	@Test
	void recordsAStreamAContentFilterStoppedAsAContentFilterError() {
		this.model.stream(Flux.just(StubChatModel.response("Hel", RESPONSE_MODEL, new DefaultUsage(0, 0), null),
				StubChatModel.response("", RESPONSE_MODEL, StubChatModel.openAiUsage(50, 3, 0, 0), "SAFETY")));
		chatClient(prices()).prompt("Hi").stream().content().collectList().block();
		assertThat(requests("error", "content_filter", "true").count()).isOne();
		assertThat(tokens("output")).isEqualTo(3);
	}

	@Test
	void recordsAFailedCallAndRethrowsTheSameException() {
		NonTransientAiException failure = new NonTransientAiException("HTTP 429 - {\"error\":{\"message\":\"slow down\"}}");
		this.model.answer((prompt) -> {
			throw failure;
		});
		assertThatException().isThrownBy(() -> chatClient(prices()).prompt("Hi").call().content())
			.isSameAs(failure);
		Timer timer = this.registry.get("agent.llm.requests").tag("outcome", "error").tag("error", "rate_limit")
			.tag("model", "gpt-4o-mini").timer();
		assertThat(timer.count()).isOne();
		assertThat(this.registry.get("agent.errors").tag("agent", "default").tag("source", "llm")
			.tag("kind", "rate_limit").counter().count()).isOne();
		assertThat(this.registry.find("agent.llm.tokens").counters()).isEmpty();
	}

	@Test
	void countsUnpricedModelsAndAddsNoCost() {
		this.model.model("llama3.2").answer(StubChatModel.response("Hello", "llama3.2", new DefaultUsage(10, 2)));
		chatClient(prices()).prompt("Hi").call().content();
		chatClient(prices()).prompt("Hi").call().content();
		assertThat(this.registry.get("agent.llm.unpriced.calls").tag("model", "llama3.2").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.find("agent.llm.cost").counters()).isEmpty();
		assertThat(tokens("llama3.2", "input")).isEqualTo(20);
	}

	@Test
	void countsAVariantOfAPricedModelAsUnpricedRatherThanPricingItAsTheShorterName() {
		// o1-pro lists at 150/600 USD per million tokens; o1's 15/60 would be ten times too low.
		this.model.model("o1-pro").answer(StubChatModel.response("Hello", "o1-pro", StubChatModel.openAiUsage(1000, 100, 0, 0)));
		chatClient(prices()).prompt("Hi").call().content();
		assertThat(this.registry.get("agent.llm.unpriced.calls").tag("model", "o1-pro").counter().count()).isOne();
		assertThat(this.registry.find("agent.llm.cost").counters()).isEmpty();
	}

	@Test
	void takesTheUsageOfAStreamFromItsFinishChunkOnce() {
		this.model.stream(Flux.just(StubChatModel.response("Hel", RESPONSE_MODEL, new DefaultUsage(0, 0), null),
				StubChatModel.response("lo", RESPONSE_MODEL, StubChatModel.openAiUsage(300, 40, 100, 0)),
				StubChatModel.usageOnly(RESPONSE_MODEL, StubChatModel.openAiUsage(300, 40, 100, 0))));
		List<String> chunks = chatClient(prices()).prompt("Hi").stream().content().collectList().block();
		assertThat(chunks).containsExactly("Hel", "lo");
		assertThat(requests("success", "none", "true").count()).isOne();
		assertThat(tokens("input")).isEqualTo(300);
		assertThat(tokens("output")).isEqualTo(40);
		assertThat(tokens("cache_read")).isEqualTo(100);
		assertThat(promptCache("hit")).isOne();
		assertThat(this.registry.get("agent.llm.time.to.first.token").tag("model", MODEL).timer().count()).isOne();
	}

	@Test
	void recordsAStreamThatFailsMidWay() {
		this.model.stream(Flux.concat(Flux.just(StubChatModel.response("Hel", RESPONSE_MODEL, null, null)),
				Flux.error(new NonTransientAiException("HTTP 500 - oops"))));
		StepVerifier.create(chatClient(prices()).prompt("Hi").stream().content())
			.expectNext("Hel")
			.verifyErrorMessage("HTTP 500 - oops");
		assertThat(requests("error", "server_error", "true").count()).isOne();
		assertThat(this.registry.find("agent.llm.requests").timers()).hasSize(1);
	}

	@Test
	void recordsACancelledStreamOnce() {
		this.model.stream(Flux.just(StubChatModel.response("a", MODEL, null, null),
				StubChatModel.response("b", MODEL, null, null), StubChatModel.response("c", MODEL, null, null))
			.delayElements(Duration.ofMillis(5)));
		List<String> chunks = chatClient(prices()).prompt("Hi").stream().content().take(2).collectList().block();
		assertThat(chunks).containsExactly("a", "b");
		assertThat(requests("error", "cancelled", "true").count()).isOne();
		assertThat(this.registry.find("agent.llm.requests").timers()).hasSize(1);
	}

	@Test
	void neverLetsABrokenPriceTableReachTheCall() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, StubChatModel.openAiUsage(10, 2, 0, 0)));
		PriceTable broken = (model) -> {
			throw new IllegalStateException("price service down");
		};
		assertThat(chatClient(broken).prompt("Hi").call().content()).isEqualTo("Hello");
		assertThat(chatClient(broken).prompt("Hi").call().content()).isEqualTo("Hello");
		assertThat(requests("success", "none", "false").count()).isEqualTo(2);
	}

	@Test
	void neverLetsAFailingRegistryReachTheCallAndLogsItOnce(CapturedOutput output) {
		this.registry.config().meterFilter(new MeterFilter() {
			@Override
			public Meter.Id map(Meter.Id id) {
				throw new IllegalStateException("registry is broken");
			}
		});
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, StubChatModel.openAiUsage(10, 2, 0, 0)));
		ChatClient chatClient = chatClient(prices());
		assertThat(chatClient.prompt("Hi").call().content()).isEqualTo("Hello");
		assertThat(chatClient.prompt("Hi").call().content()).isEqualTo("Hello");
		String warning = "agent-metrics skipped recording an LLM call because of "
				+ "java.lang.IllegalStateException: registry is broken";
		assertThat(output.toString().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
	}

	@Test
	void toleratesAResponseWithoutMetadataOrGenerations() {
		this.model.answer(new org.springframework.ai.chat.model.ChatResponse(List.of()));
		assertThat(chatClient(prices()).prompt("Hi").call().content()).isNull();
		assertThat(requests("success", "none", "false").count()).isOne();
		assertThat(this.registry.find("agent.llm.prompt.cache").counters()).allSatisfy(
				(counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void readsUsageThroughAReaderThatOnlyReturnsTokensAfterOneThatDoesNotUnderstandIt() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, new DefaultUsage(100, 20)));
		UsageReader notMine = (usage) -> null;
		UsageReader custom = (usage) -> new TokenUsage(usage.getPromptTokens(), usage.getCompletionTokens(), 40, 5,
				7);
		chatClient(prices(), notMine, custom).prompt("Hi").call().content();
		assertThat(tokens("input")).isEqualTo(100);
		assertThat(tokens("output")).isEqualTo(20);
		assertThat(tokens("cache_read")).isEqualTo(40);
		assertThat(tokens("cache_write")).isEqualTo(5);
		assertThat(tokens("reasoning")).isEqualTo(7);
		// gpt-4o-mini: 55 plain and 5 written input tokens at 0.15, 40 cached at 0.075, 20
		// output at 0.60 USD per million.
		assertThat(cost()).isCloseTo((60 * 0.15 + 40 * 0.075 + 20 * 0.60) / 1e6, within(1e-15));
	}

	@Test
	void readsThePromptAndCompletionTokensWhenNoReaderUnderstandsTheUsage() {
		this.model.answer(StubChatModel.response("Hello", RESPONSE_MODEL, StubChatModel.openAiUsage(100, 20, 40, 7)));
		chatClient(prices(), (usage) -> null).prompt("Hi").call().content();
		assertThat(tokens("input")).isEqualTo(100);
		assertThat(tokens("output")).isEqualTo(20);
		assertThat(this.registry.find("agent.llm.tokens").tag("type", "cache_read").counter().count()).isZero();
	}

	private ChatClient chatClient(PriceTable prices) {
		return chatClient(prices, new OpenAiUsageReader());
	}

	private ChatClient chatClient(PriceTable prices, UsageReader... readers) {
		LlmMetrics metrics = new LlmMetrics(this.registry, prices, new DefaultErrorClassifier(),
				new ErrorMetrics(this.registry), List.of(readers));
		return ChatClient.builder(this.model).defaultAdvisors(LlmMetricsAdvisor.builder(metrics).build()).build();
	}

	private static PriceTable prices() {
		return new PrefixMatchingPriceTable(DefaultPrices.prices());
	}

	private Timer requests(String outcome, String error, String stream) {
		return this.registry.get("agent.llm.requests")
			.tag("agent", "default")
			.tag("provider", "openai")
			.tag("outcome", outcome)
			.tag("error", error)
			.tag("stream", stream)
			.timer();
	}

	private double tokens(String type) {
		return tokens(MODEL, type);
	}

	private double tokens(String model, String type) {
		return this.registry.get("agent.llm.tokens").tag("model", model).tag("type", type).counter().count();
	}

	private double cost() {
		return this.registry.get("agent.llm.cost").tag("model", MODEL).counter().count();
	}

	private double promptCache(String result) {
		return this.registry.get("agent.llm.prompt.cache").tag("model", MODEL).tag("result", result).counter().count();
	}

}
