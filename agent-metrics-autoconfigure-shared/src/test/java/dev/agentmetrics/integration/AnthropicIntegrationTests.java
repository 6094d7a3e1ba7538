package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeAnthropic.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static dev.agentmetrics.integration.AnthropicPrices.IN;
import static dev.agentmetrics.integration.AnthropicPrices.LONG_IN;
import static dev.agentmetrics.integration.AnthropicPrices.LONG_OUT;
import static dev.agentmetrics.integration.AnthropicPrices.LONG_READ;
import static dev.agentmetrics.integration.AnthropicPrices.MODEL;
import static dev.agentmetrics.integration.AnthropicPrices.OUT;
import static dev.agentmetrics.integration.AnthropicPrices.READ;
import static dev.agentmetrics.integration.AnthropicPrices.WRITE_1H;
import static dev.agentmetrics.integration.AnthropicPrices.WRITE_5M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring AI's real Anthropic client over HTTP against a fake of Anthropic's Messages API,
 * on both lines: Spring AI 1.1's {@code AnthropicApi} (its chat model runs tool loops) and
 * Spring AI 2.0's Anthropic SDK client (its {@code ToolCallingAdvisor} runs them). Anthropic
 * counts cache reads and writes apart from {@code input_tokens}; agent-metrics' input is
 * their sum, and each part is priced at its own price. Each test names its own agent.
 */
class AnthropicIntegrationTests {

	private static final FakeAnthropic anthropic = FakeAnthropic.start();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = AnthropicApplication.run(anthropic);
	}

	@AfterAll
	static void stop() {
		context.close();
		anthropic.close();
	}

	@AfterEach
	void everyReplyWasUsed() {
		assertThat(anthropic.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
		anthropic.reset();
	}

	@Test
	void recordsExactTokensAndCostOfACall() {
		anthropic.enqueue(Reply.text("Your order ships today.").usage(120, 30));
		assertThat(call("single", "Where is my order?")).isEqualTo("Your order ships today.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "single", "provider", "anthropic", "model",
				MODEL, "outcome", "success", "error", "none", "stream", "false"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "single", "input")).isEqualTo(120);
		assertThat(tokens(metrics, "single", "output")).isEqualTo(30);
		assertThat(tokens(metrics, "single", "cache_read")).isZero();
		assertThat(tokens(metrics, "single", "cache_write")).isZero();
		assertThat(cost(metrics, "single")).isCloseTo(120 * IN + 30 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "single", "result", "miss")).isEqualTo(1);
	}

	@Test
	void countsCacheReadsAndWritesAsInputAndPricesEachAtItsOwnPrice() {
		// input_tokens leaves out the 2,000 tokens read and the 500 written.
		anthropic.enqueue(Reply.text("Cached.").usage(100, 40).cacheRead(2000).cacheWrite(500, 0));
		call("cached", "Hi again");
		PrometheusText metrics = scrape();
		assertThat(tokens(metrics, "cached", "input")).isEqualTo(2600);
		assertThat(tokens(metrics, "cached", "cache_read")).isEqualTo(2000);
		assertThat(tokens(metrics, "cached", "cache_write")).isEqualTo(500);
		assertThat(tokens(metrics, "cached", "output")).isEqualTo(40);
		assertThat(cost(metrics, "cached")).isCloseTo(100 * IN + 2000 * READ + 500 * WRITE_5M + 40 * OUT,
				within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "cached", "result", "hit")).isEqualTo(1);
	}

	@Test
	void pricesOneHourCacheWritesAtTheirPriceWhereTheClientReadsThem() {
		anthropic.enqueue(Reply.text("Stored for an hour.").usage(50, 10).cacheWrite(300, 700));
		call("one-hour", "Remember this");
		PrometheusText metrics = scrape();
		assertThat(tokens(metrics, "one-hour", "input")).isEqualTo(1050);
		assertThat(tokens(metrics, "one-hour", "cache_write")).isEqualTo(1000);
		// Spring AI 1.1's AnthropicApi.Usage drops cache_creation's split: every write is
		// priced as a five-minute one there.
		double writes = AnthropicApplication.SPLITS_CACHE_WRITES ? 300 * WRITE_5M + 700 * WRITE_1H : 1000 * WRITE_5M;
		assertThat(cost(metrics, "one-hour")).isCloseTo(50 * IN + writes + 10 * OUT, within(1e-12));
	}

	@Test
	void countsEveryRoundOfAToolLoopOnceWithItsCacheTokens() {
		anthropic.enqueue(Reply.toolUse("getWeather", "{\"city\":\"Oslo\"}").usage(300, 20).cacheWrite(1000, 0),
				Reply.text("Snow in Oslo.").usage(60, 15).cacheRead(1000));
		String answer = chatClient().prompt("Weather in Oslo?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "loop"))
			.call()
			.content();
		assertThat(answer).isEqualTo("Snow in Oslo.");
		assertThat(anthropic.requests()).hasSize(2);
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "loop")).isEqualTo(1);
		assertThat(tokens(metrics, "loop", "input")).isEqualTo(1300 + 1060);
		assertThat(tokens(metrics, "loop", "output")).isEqualTo(35);
		assertThat(tokens(metrics, "loop", "cache_read")).isEqualTo(1000);
		assertThat(tokens(metrics, "loop", "cache_write")).isEqualTo(1000);
		assertThat(cost(metrics, "loop")).isCloseTo(
				300 * IN + 1000 * WRITE_5M + 20 * OUT + 60 * IN + 1000 * READ + 15 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "loop", "result", "hit")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "loop", "result", "miss")).isEqualTo(1);
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "loop", "tool", "getWeather")).isEqualTo(1);
	}

	@Test
	void takesTheUsageOfAStreamFromItsEventsOnce() {
		anthropic.enqueue(Reply.text("Streaming works fine.").usage(90, 12).cacheRead(64));
		List<String> chunks = chatClient().prompt("Stream please")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Streaming works fine.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream", "provider", "anthropic",
				"outcome", "success", "stream", "true"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "stream", "input")).isEqualTo(154);
		assertThat(tokens(metrics, "stream", "output")).isEqualTo(12);
		assertThat(tokens(metrics, "stream", "cache_read")).isEqualTo(64);
		assertThat(cost(metrics, "stream")).isCloseTo(90 * IN + 64 * READ + 12 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_time_to_first_token_seconds_count", "agent", "stream", "model", MODEL))
			.isEqualTo(1);
	}

	@Test
	void countsAStreamWithAToolLoopOnceWithEveryRound() {
		anthropic.enqueue(Reply.toolUse("getWeather", "{\"city\":\"Bergen\"}").usage(200, 25).cacheRead(500),
				Reply.text("Rain in Bergen.").usage(240, 18).cacheRead(500));
		List<String> chunks = chatClient().prompt("Weather in Bergen?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-loop"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Rain in Bergen.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-loop")).isEqualTo(1);
		assertThat(tokens(metrics, "stream-loop", "input")).isEqualTo(700 + 740);
		assertThat(tokens(metrics, "stream-loop", "output")).isEqualTo(43);
		assertThat(tokens(metrics, "stream-loop", "cache_read")).isEqualTo(1000);
		assertThat(cost(metrics, "stream-loop")).isCloseTo(440 * IN + 1000 * READ + 43 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "stream-loop", "result", "hit"))
			.isEqualTo(2);
	}

	@Test
	void pricesARequestWhosePromptExceedsTheThresholdAtTheLongContextTierAsAWhole() {
		// 150,000 + 60,000 cached = 210,000 prompt tokens: above 200,000.
		anthropic.enqueue(Reply.text("Long.").usage(150_000, 100).cacheRead(60_000),
				Reply.text("Just short enough.").usage(140_000, 100).cacheRead(60_000));
		call("long", "A long document");
		call("short", "A document of exactly 200,000 tokens");
		PrometheusText metrics = scrape();
		assertThat(cost(metrics, "long")).isCloseTo(150_000 * LONG_IN + 60_000 * LONG_READ + 100 * LONG_OUT,
				within(1e-12));
		assertThat(cost(metrics, "short")).isCloseTo(140_000 * IN + 60_000 * READ + 100 * OUT, within(1e-12));
	}

	@Test
	void recordsFailedCallsByKind() {
		anthropic.enqueue(Reply.error(529, "overloaded_error", "Overloaded"),
				Reply.error(429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit"),
				Reply.error(400, "invalid_request_error", "prompt is too long: 210000 tokens > 200000 maximum"));
		for (String agent : List.of("overloaded", "limited", "too-long")) {
			assertThatException().isThrownBy(() -> call(agent, "Hi"));
		}
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "overloaded", "provider", "anthropic",
				"model", MODEL, "outcome", "error", "error", "server_error"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "limited", "error", "rate_limit"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "too-long", "error", "context_length"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "overloaded", "source", "llm", "kind", "server_error"))
			.isEqualTo(1);
		assertThat(metrics.matching("agent_llm_tokens_total", "agent", "overloaded")).isEmpty();
	}

	@Test
	void recordsAFailedStreamByKind() {
		anthropic.enqueue(Reply.error(429, "rate_limit_error", "Number of requests has exceeded your rate limit"));
		assertThatException().isThrownBy(() -> chatClient().prompt("Stream please")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-limited"))
			.stream()
			.content()
			.collectList()
			.block());
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-limited", "outcome", "error",
				"error", "rate_limit", "stream", "true"))
			.isEqualTo(1);
	}

	@Test
	void recordsARefusalAsAContentFilterErrorAndCountsItsTokens() {
		anthropic.enqueue(Reply.refusal().usage(80, 5));
		call("refused", "Something Claude declines");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "refused", "outcome", "error", "error",
				"content_filter"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "refused", "kind", "content_filter")).isEqualTo(1);
		assertThat(tokens(metrics, "refused", "input")).isEqualTo(80);
		assertThat(cost(metrics, "refused")).isCloseTo(80 * IN + 5 * OUT, within(1e-12));
	}

	private static String call(String agent, String question) {
		return chatClient().prompt(question).advisors((a) -> a.param(AgentMetrics.AGENT, agent)).call().content();
	}

	private static ChatClient chatClient() {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static PrometheusText scrape() {
		return PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
	}

}
