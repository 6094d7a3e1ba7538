package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring Boot 4 and Spring AI 2.0: an application with the real OpenAI client (the official
 * OpenAI SDK under Spring AI's {@code OpenAiChatModel}) talking over HTTP to
 * {@link FakeOpenAi}, whose scrape must equal what the fake billed, call for call. Spring
 * AI 2.0 runs tool loops in its {@code ToolCallingAdvisor}, inside the metrics advisor: one
 * ChatClient call is still one call, with the tokens of every round.
 */
class SpringAi2OpenAiIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	private static final String MINI = "gpt-4o-mini-2024-07-18";

	// gpt-4o-mini in USD per token: input, cached input, output.
	private static final double IN = 0.15 / 1e6;

	private static final double CACHED = 0.075 / 1e6;

	private static final double OUT = 0.60 / 1e6;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = OpenAiApplication.run(openAi);
	}

	@AfterEach
	void allRepliesUsed() {
		String leftovers = openAi.leftovers();
		openAi.reset();
		assertThat(leftovers).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
		openAi.close();
	}

	@Test
	void recordsExactTokensAndCostOfACall() {
		openAi.enqueue(Reply.text("Hello there.").usage(120, 20).cached(64));
		assertThat(chatClient("single").prompt("Hi").call().content()).isEqualTo("Hello there.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "single", "provider", "openai", "model",
				MINI, "outcome", "success", "stream", "false"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "single", "input")).isEqualTo(120);
		assertThat(tokens(metrics, "single", "output")).isEqualTo(20);
		assertThat(tokens(metrics, "single", "cache_read")).isEqualTo(64);
		assertThat(cost(metrics, "single")).isCloseTo(56 * IN + 64 * CACHED + 20 * OUT, within(1e-12));
	}

	@Test
	void countsAToolLoopAsOneCallWithEveryRoundsCachedAndReasoningTokens() {
		openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Paris\"}").usage(300, 20).cached(100),
				Reply.text("It is sunny in Paris.").usage(350, 30).cached(300).reasoning(12));
		String answer = chatClient("tools").prompt("Weather in Paris?").tools(new OpenAiApplication.WeatherTools("Sunny")).call().content();
		assertThat(answer).isEqualTo("It is sunny in Paris.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "tools")).isEqualTo(1);
		assertThat(tokens(metrics, "tools", "input")).isEqualTo(650);
		assertThat(tokens(metrics, "tools", "output")).isEqualTo(50);
		assertThat(tokens(metrics, "tools", "cache_read")).isEqualTo(400);
		assertThat(tokens(metrics, "tools", "reasoning")).isEqualTo(12);
		assertThat(cost(metrics, "tools")).isCloseTo(250 * IN + 400 * CACHED + 50 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "tools", "result", "hit")).isEqualTo(2);
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "tools", "tool", "getWeather", "outcome",
				"success"))
			.isEqualTo(1);
	}

	@Test
	void takesTheUsageOfAStream() {
		openAi.enqueue(Reply.text("Streaming works fine.").usage(90, 12).cached(64));
		List<String> chunks = chatClient("stream").prompt("Stream please").stream().content().collectList().block();
		assertThat(String.join("", chunks)).isEqualTo("Streaming works fine.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream", "stream", "true")).isEqualTo(1);
		assertThat(tokens(metrics, "stream", "input")).isEqualTo(90);
		assertThat(tokens(metrics, "stream", "output")).isEqualTo(12);
		assertThat(tokens(metrics, "stream", "cache_read")).isEqualTo(64);
		assertThat(metrics.sum("agent_llm_time_to_first_token_seconds_count", "agent", "stream")).isEqualTo(1);
	}

	@Test
	void countsAStreamWithAToolLoopOnceWithEveryRound() {
		openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(300, 20).cached(100),
				Reply.text("Snow in Oslo.").usage(350, 30).reasoning(10));
		String answer = String.join("", chatClient("stream-tools").prompt("Weather in Oslo?")
			.tools(new OpenAiApplication.WeatherTools("Sunny"))
			.stream()
			.content()
			.collectList()
			.block());
		assertThat(answer).isEqualTo("Snow in Oslo.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-tools", "stream", "true"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "stream-tools", "input")).isEqualTo(650);
		assertThat(tokens(metrics, "stream-tools", "output")).isEqualTo(50);
		assertThat(tokens(metrics, "stream-tools", "cache_read")).isEqualTo(100);
		assertThat(tokens(metrics, "stream-tools", "reasoning")).isEqualTo(10);
	}

	@ParameterizedTest
	@CsvSource({ "429, rate_limit_exceeded, rate_limit", "401, invalid_api_key, auth", "500, server_error, server_error",
			"400, context_length_exceeded, context_length", "400, invalid_value, invalid_request" })
	void recordsFailedCallsByKindAndRethrows(int status, String code, String kind) {
		String agent = "errors-" + status + "-" + kind;
		openAi.enqueue(Reply.error(status, code, "The provider says no (" + code + ")"));
		assertThatException().isThrownBy(() -> chatClient(agent).prompt("Hi").call().content());
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent, "outcome", "error", "error", kind))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", agent, "source", "llm", "kind", kind)).isEqualTo(1);
	}

	private static ChatClient chatClient(String agent) {
		return context.getBean(ChatClient.Builder.class)
			.build()
			.mutate()
			.defaultAdvisors((advisors) -> advisors.param(AgentMetrics.AGENT, agent))
			.build();
	}

	private static PrometheusText scrape() {
		return PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
	}

	private static double tokens(PrometheusText metrics, String agent, String type) {
		return metrics.sum("agent_llm_tokens_total", "agent", agent, "type", type);
	}

	private static double cost(PrometheusText metrics, String agent) {
		return metrics.sum("agent_llm_cost_usd_total", "agent", agent);
	}
}
