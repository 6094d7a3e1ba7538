package dev.agentmetrics.integration;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Events;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs the real OpenAI client of Spring AI over HTTP against {@link FakeOpenAi} and
 * asserts exact values scraped from {@code /actuator/prometheus}, on both lines: Spring AI
 * 1.1 ({@code OpenAiApi}; its {@code ChatModel} runs tool loops) and Spring AI 2.0 (the
 * OpenAI SDK; its {@code ToolCallingAdvisor} runs them). Each test names its own agent, so
 * that tests sharing the context do not see each other's series.
 */
@OpenAiIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class OpenAiIntegrationTests {

	/** The model the application asks for, which tags its calls. */
	private static final String MINI = "gpt-4o-mini";

	// gpt-4o-mini in USD per token: input, cached input, output.
	private static final double IN = 0.15 / 1e6;

	private static final double CACHED = 0.075 / 1e6;

	private static final double OUT = 0.60 / 1e6;

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Autowired
	private AgentRuns agentRuns;

	@Autowired
	private Events events;

	@Test
	void recordsExactTokensCostAndLatencyOfACall(CapturedOutput output) {
		this.openAi.enqueue(Reply.text("Your order ships today.").usage(120, 30));
		assertThat(call("single", "Where is my order?")).isEqualTo("Your order ships today.");
		// Spring AI warns on every blocking call when stream usage is set globally.
		assertThat(output).doesNotContain("Removing streamOptions");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "single", "provider", "openai", "model",
				MINI, "outcome", "success", "error", "none", "stream", "false"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "single", "input")).isEqualTo(120);
		assertThat(tokens(metrics, "single", "output")).isEqualTo(30);
		assertThat(tokens(metrics, "single", "cache_read")).isZero();
		assertThat(tokens(metrics, "single", "cache_write")).isZero();
		assertThat(tokens(metrics, "single", "reasoning")).isZero();
		assertThat(cost(metrics, "single")).isCloseTo(120 * IN + 30 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "single", "result", "miss")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "single", "result", "hit")).isZero();
		assertThat(metrics.matching("agent_llm_requests_seconds_bucket", "agent", "single", "le", "120.0"))
			.singleElement()
			.satisfies((bucket) -> assertThat(bucket.value()).isEqualTo(1));
	}

	@Test
	void namesTheProviderOfCallsWithPortableOptions() {
		this.openAi.enqueue(Reply.text("Portable.").usage(10, 2));
		SpringAiLine.portableOptions(chatClient().prompt("Hi"), "gpt-4o-mini")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "portable"))
			.call()
			.content();
		assertThat(scrape().sum("agent_llm_requests_seconds_count", "agent", "portable", "provider", "openai"))
			.isEqualTo(1);
	}

	@Test
	void rollsUpTheLlmCallsOfARunWithTheirExactCost() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Lima\"}").usage(300, 20).cached(100),
				Reply.text("Mild in Lima.").usage(350, 30).cached(300), Reply.text("Pack a jacket.").usage(80, 10));
		String advice = this.agentRuns.run("travel", () -> {
			chatClient().prompt("Weather in Lima?").tools(new WeatherTools()).call().content();
			return chatClient().prompt("What should I pack?").call().content();
		});
		assertThat(advice).isEqualTo("Pack a jacket.");
		PrometheusText metrics = scrape();
		double cost = (200 + 50 + 80) * IN + 400 * CACHED + 60 * OUT;
		assertThat(metrics.sum("agent_runs_seconds_count", "agent", "travel", "outcome", "success")).isEqualTo(1);
		assertThat(metrics.sum("agent_runs_active", "agent", "travel")).isZero();
		assertThat(metrics.sum("agent_run_llm_calls_sum", "agent", "travel")).isEqualTo(2);
		assertThat(metrics.sum("agent_run_llm_calls_bucket", "agent", "travel", "le", "1.0")).isZero();
		assertThat(metrics.sum("agent_run_llm_calls_bucket", "agent", "travel", "le", "2.0")).isEqualTo(1);
		assertThat(metrics.sum("agent_run_cost_microusd_sum", "agent", "travel")).isCloseTo(cost * 1e6, within(1e-6));
		assertThat(cost(metrics, "travel")).isCloseTo(cost, within(1e-12));
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "travel")).isEqualTo(2);
		assertThat(this.events.runs).filteredOn((event) -> event.getAgent().equals("travel"))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getOutcome()).isEqualTo("success");
				assertThat(event.getError()).isNull();
				assertThat(event.getLlmCalls()).isEqualTo(2);
				assertThat(event.getToolCalls()).isEqualTo(1);
				assertThat(event.getInputTokens()).isEqualTo(300 + 350 + 80);
				assertThat(event.getOutputTokens()).isEqualTo(20 + 30 + 10);
				assertThat(event.getCost()).isCloseTo(cost, within(1e-12));
				assertThat(event.getDuration()).isPositive();
			});
	}

	@Test
	void recordsEveryToolCallOfARunWithTwoLlmCallsAndThreeToolCalls() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Paris\"}").usage(100, 10),
				Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(120, 10), Reply.text("Done.").usage(140, 5),
				Reply.toolCall("getWeather", "{\"city\":\"Rome\"}").usage(90, 10), Reply.text("Warm.").usage(110, 5));
		this.agentRuns.run("planner", () -> {
			chatClient().prompt("Paris and Oslo?").tools(new WeatherTools()).call().content();
			chatClient().prompt("Rome?").tools(new WeatherTools()).call().content();
		});
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "planner", "tool", "getWeather", "outcome",
				"success", "error", "none"))
			.isEqualTo(3);
		assertThat(metrics.sum("agent_run_tool_calls_sum", "agent", "planner")).isEqualTo(3);
		assertThat(metrics.sum("agent_run_llm_calls_sum", "agent", "planner")).isEqualTo(2);
		assertThat(metrics.sum("agent_tool_loops_total", "agent", "planner")).isZero();
	}

	@Test
	void countsAFailingToolAsAnErrorThoughTheCallSucceeds() {
		this.openAi.enqueue(Reply.toolCall("lookupOrder", "{\"orderId\":\"42\"}").usage(100, 10),
				Reply.text("Sorry, I could not find it.").usage(130, 8));
		String answer = chatClient().prompt("Where is order 42?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "orders"))
			.tools(new BrokenOrderTools())
			.call()
			.content();
		assertThat(answer).isEqualTo("Sorry, I could not find it.");
		assertThat(this.openAi.requests().get(1).path("messages").toString()).contains("order database is down");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "orders", "tool", "lookupOrder", "outcome",
				"error", "error", "tool_failure"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "orders", "source", "tool", "kind", "tool_failure"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "orders", "outcome", "success"))
			.isEqualTo(1);
	}

	@Test
	void countsAToolLoopOnceWhateverTheKeyOrderOfItsArguments() {
		this.openAi.enqueue(Reply.toolCall("convert", "{\"amount\":10,\"currency\":\"EUR\"}").usage(100, 10),
				Reply.toolCall("convert", "{ \"currency\": \"EUR\", \"amount\": 10 }").usage(110, 10),
				Reply.toolCall("convert", "{\"currency\":\"EUR\",\"amount\":10}").usage(120, 10),
				Reply.toolCall("convert", "{\"amount\":10,\"currency\":\"EUR\"}").usage(130, 10),
				Reply.text("10 EUR is 11 USD.").usage(140, 8));
		String answer = chatClient().prompt("10 EUR in USD?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "looper"))
			.tools(new CurrencyTools())
			.call()
			.content();
		assertThat(answer).isEqualTo("10 EUR is 11 USD.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_tool_loops_total", "agent", "looper", "tool", "convert")).isEqualTo(1);
		assertThat(this.events.loops).filteredOn((event) -> event.getAgent().equals("looper"))
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getTool()).isEqualTo("convert");
				assertThat(event.getRepeats()).isEqualTo(3);
			});
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "looper", "tool", "convert")).isEqualTo(4);
	}

	@Test
	void chargesCachedPromptTokensAtTheCachePrice() {
		this.openAi.enqueue(Reply.text("Cached.").usage(1000, 50).cached(600));
		call("cached", "Hello again");
		PrometheusText metrics = scrape();
		assertThat(tokens(metrics, "cached", "input")).isEqualTo(1000);
		assertThat(tokens(metrics, "cached", "cache_read")).isEqualTo(600);
		assertThat(cost(metrics, "cached")).isCloseTo(400 * IN + 600 * CACHED + 50 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "cached", "result", "hit")).isEqualTo(1);
	}

	@Test
	void countsReasoningTokensAsPartOfOutput() {
		this.openAi.enqueue(Reply.text("42").model("o4-mini-2025-04-16").usage(200, 500).reasoning(384));
		call("reasoning", "Think hard", "o4-mini");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "reasoning", "model", "o4-mini", "type", "output"))
			.isEqualTo(500);
		assertThat(tokens(metrics, "reasoning", "reasoning")).isEqualTo(384);
		// o4-mini: 1.10 input, 4.40 output per million tokens; reasoning is billed as output.
		assertThat(cost(metrics, "reasoning")).isCloseTo(200 * 1.10 / 1e6 + 500 * 4.40 / 1e6, within(1e-12));
	}

	@Test
	void countsEveryRoundOfAToolLoopOnceWithItsCachedTokens() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Paris\"}").usage(300, 20).cached(100),
				Reply.text("It is sunny in Paris.").usage(350, 30).cached(300).reasoning(12));
		String answer = chatClient().prompt("Weather in Paris?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "tools"))
			.tools(new WeatherTools())
			.call()
			.content();
		assertThat(answer).isEqualTo("It is sunny in Paris.");
		assertThat(this.openAi.requests().get(1).path("messages").toString()).contains("Sunny in Paris");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "tools")).isEqualTo(1);
		assertThat(tokens(metrics, "tools", "input")).isEqualTo(650);
		assertThat(tokens(metrics, "tools", "output")).isEqualTo(50);
		assertThat(tokens(metrics, "tools", "cache_read")).isEqualTo(400);
		assertThat(tokens(metrics, "tools", "reasoning")).isEqualTo(12);
		assertThat(cost(metrics, "tools")).isCloseTo(250 * IN + 400 * CACHED + 50 * OUT, within(1e-12));
		// Both billed requests read from the cache: two hits, not one per ChatClient call.
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "tools", "result", "hit")).isEqualTo(2);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "tools", "result", "miss")).isZero();
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "tools", "tool", "getWeather", "outcome",
				"success"))
			.isEqualTo(1);
	}

	@Test
	void countsEveryRoundOfAToolLoopOnceWhereSpringAi11sOwnTokenCounterDoesNot() {
		double springAiBefore = scrape().sum("gen_ai_client_token_usage_total", "gen_ai_token_type", "input");
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Rome\"}").usage(300, 20),
				Reply.text("Warm in Rome.").usage(350, 30));
		chatClient().prompt("Weather in Rome?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "versus"))
			.tools(new WeatherTools())
			.call()
			.content();
		PrometheusText metrics = scrape();
		// Billed: 300 + 350 prompt tokens. Spring AI 1.1 records each round's cumulative
		// usage (300 + 650); 2.0 counts as billed.
		assertThat(tokens(metrics, "versus", "input")).isEqualTo(650);
		assertThat(metrics.sum("gen_ai_client_token_usage_total", "gen_ai_token_type", "input") - springAiBefore)
			.isEqualTo(SpringAiLine.springAiInputTokens(300, 350));
	}

	@Test
	void takesTheUsageOfAStreamFromItsFinalChunkAndAsksForIt() {
		this.openAi.enqueue(Reply.text("Streaming works fine.").usage(90, 12).cached(64));
		List<String> chunks = chatClient().prompt("Stream please")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Streaming works fine.");
		JsonNode request = this.openAi.requests().get(0);
		assertThat(request.path("stream_options").path("include_usage").asBoolean()).isTrue();
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream", "outcome", "success", "stream",
				"true"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "stream", "input")).isEqualTo(90);
		assertThat(tokens(metrics, "stream", "output")).isEqualTo(12);
		assertThat(tokens(metrics, "stream", "cache_read")).isEqualTo(64);
		assertThat(cost(metrics, "stream")).isCloseTo(26 * IN + 64 * CACHED + 12 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_time_to_first_token_seconds_count", "agent", "stream", "model", MINI))
			.isEqualTo(1);
	}

	@Test
	void countsAStreamWithAToolLoopOnce() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(300, 20).cached(100),
				Reply.text("Snow in Oslo.").usage(350, 30).reasoning(10));
		String answer = String.join("", chatClient().prompt("Weather in Oslo?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-tools"))
			.tools(new WeatherTools())
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
		// The tool ran on another thread; the Reactor context still names its agent.
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "stream-tools", "tool", "getWeather",
				"outcome", "success"))
			.isEqualTo(1);
	}

	@Test
	void countsTheRoundsACancelledStreamCompletedAndNothingForTheRoundItCut() {
		// OpenAI sends a round's usage after its last token: the round the caller cut off
		// was billed, but its usage never arrives, so only the finished round can count.
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Bergen\"}").usage(300, 20).cached(100),
				Reply.text("Rain in Bergen, as ever.").usage(350, 30).chunkDelay(Duration.ofMillis(300)));
		String first = chatClient().prompt("Weather in Bergen?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-cancelled"))
			.tools(new WeatherTools())
			.stream()
			.content()
			.filter((chunk) -> !chunk.isEmpty())
			.blockFirst();
		assertThat(first).isNotEmpty();
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-cancelled", "error", "cancelled"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "stream-cancelled", "input")).isEqualTo(300);
		assertThat(tokens(metrics, "stream-cancelled", "output")).isEqualTo(20);
		assertThat(tokens(metrics, "stream-cancelled", "cache_read")).isEqualTo(100);
		assertThat(cost(metrics, "stream-cancelled")).isCloseTo(200 * IN + 100 * CACHED + 20 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "stream-cancelled")).isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource({ "429, rate_limit_exceeded, rate_limit", "401, invalid_api_key, auth", "500, server_error, server_error",
			"400, context_length_exceeded, context_length", "400, invalid_value, invalid_request" })
	void recordsFailedCallsByKindAndRethrows(int status, String code, String kind) {
		String agent = "errors-" + status + "-" + kind;
		this.openAi.enqueue(Reply.error(status, code, "The provider said no"));
		assertThatException().isThrownBy(() -> call(agent, "Hi")).withMessageContaining(String.valueOf(status));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent, "model", "gpt-4o-mini", "outcome",
				"error", "error", kind))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", agent, "source", "llm", "kind", kind)).isEqualTo(1);
		assertThat(metrics.matching("agent_llm_tokens_total", "agent", agent)).isEmpty();
	}

	@Test
	void countsCallsOfUnpricedModelsWithoutCost() {
		this.openAi.enqueue(Reply.text("Hi").model("acme-chat-1").usage(10, 5), Reply.text("Hi").model("acme-chat-1").usage(10, 5));
		call("unpriced", "Hi", "acme-chat-1");
		call("unpriced", "Hi", "acme-chat-1");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_unpriced_calls_total", "model", "acme-chat-1")).isEqualTo(2);
		assertThat(tokens(metrics, "unpriced", "input")).isEqualTo(20);
		assertThat(metrics.matching("agent_llm_cost_usd_total", "agent", "unpriced")).isEmpty();
	}

	@Test
	void neverLetsABrokenPriceTableReachTheCall() {
		this.openAi.enqueue(Reply.text("Still fine.").model("explode-1").usage(10, 5));
		assertThat(call("fail-open", "Hi")).isEqualTo("Still fine.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "fail-open", "outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.matching("agent_llm_cost_usd_total", "agent", "fail-open")).isEmpty();
	}

	private String call(String agent, String question) {
		return chatClient().prompt(question).advisors((a) -> a.param(AgentMetrics.AGENT, agent)).call().content();
	}

	private String call(String agent, String question, String model) {
		return SpringAiLine.openAiModel(chatClient().prompt(question), model)
			.advisors((a) -> a.param(AgentMetrics.AGENT, agent))
			.call()
			.content();
	}

	private ChatClient chatClient() {
		return this.client.chatClient();
	}

	private PrometheusText scrape() {
		return this.client.scrape();
	}

	static class BrokenOrderTools {

		@Tool(description = "Look up an order")
		String lookupOrder(String orderId) {
			throw new IllegalStateException("order database is down");
		}

	}

	static class CurrencyTools {

		@Tool(description = "Convert an amount to USD")
		String convert(int amount, String currency) {
			return "11 USD";
		}

	}

}
