package dev.agentmetrics.integration;

import java.util.List;

import com.google.genai.errors.ApiException;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeGemini.Call;
import dev.agentmetrics.integration.FakeGemini.Reply;
import dev.agentmetrics.integration.FakeGemini.UsageMetadata;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;

import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Runs Spring AI's Google GenAI client over HTTP against {@link FakeGemini} and asserts
 * exact values scraped from {@code /actuator/prometheus}, on both lines: Spring AI 1.1
 * (its {@code GoogleGenAiChatModel} runs tool loops, merging their usage) and Spring AI 2.0
 * (its {@code ToolCallingAdvisor} runs them). Each test names its own agent, so that tests
 * sharing the context do not see each other's series. Costs are computed from the fake's
 * token counts and the prices {@link GeminiIntegrationTest} configures.
 */
@GeminiIntegrationTest
class GeminiIntegrationTests {

	private static final String PROVIDER = "google_genai";

	/** The model the application asks for, which tags its calls. */
	private static final String FLASH = GeminiIntegrationTest.FLASH;

	private static final String PRO = "gemini-2.5-pro";

	// gemini-2.5-flash in USD per token: input, cached input, output (thoughts included).
	private static final double IN = 0.30 / 1e6;

	private static final double CACHED = 0.03 / 1e6;

	private static final double OUT = 2.50 / 1e6;

	// gemini-2.5-pro up to 200,000 prompt tokens, and above.
	private static final double PRO_IN = 1.25 / 1e6;

	private static final double PRO_CACHED = 0.125 / 1e6;

	private static final double PRO_OUT = 10.0 / 1e6;

	private static final double LONG_IN = 2.5 / 1e6;

	private static final double LONG_CACHED = 0.25 / 1e6;

	private static final double LONG_OUT = 15.0 / 1e6;

	@Autowired
	private FakeGemini gemini;

	@Autowired
	private OpenAiApplication.Client client;

	@Test
	void recordsExactTokensCostAndLatencyOfACall() {
		this.gemini.enqueue(Reply.text("Your order ships today.").usage(120, 30));
		assertThat(call("single", "Where is my order?")).isEqualTo("Your order ships today.");
		assertThat(this.gemini.calls()).containsExactly(new Call(FLASH, false, null));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "single", "provider", PROVIDER, "model",
				FLASH, "outcome", "success", "error", "none", "stream", "false"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "single", "input")).isEqualTo(120);
		assertThat(tokens(metrics, "single", "output")).isEqualTo(30);
		assertThat(tokens(metrics, "single", "cache_read")).isZero();
		assertThat(tokens(metrics, "single", "cache_write")).isZero();
		assertThat(tokens(metrics, "single", "reasoning")).isZero();
		assertThat(cost(metrics, "single")).isCloseTo(120 * IN + 30 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "single", "result", "miss")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "single", "result", "hit")).isZero();
	}

	@Test
	void tagsACallWithTheModelAskedForAndPricesItByTheModelThatAnswered() {
		// An alias answered by a versioned model: Gemini names it in modelVersion.
		this.gemini.enqueue(Reply.text("Aliased.").model(FLASH).usage(200, 40));
		SpringAiLine.geminiModel(chatClient().prompt("Hi"), "gemini-flash-latest")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "alias"))
			.call()
			.content();
		assertThat(this.gemini.calls()).containsExactly(new Call("gemini-flash-latest", false, null));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "alias", "provider", PROVIDER, "model",
				"gemini-flash-latest", "outcome", "success"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "alias", "model", "gemini-flash-latest", "type",
				"input"))
			.isEqualTo(200);
		assertThat(cost(metrics, "alias")).isCloseTo(200 * IN + 40 * OUT, within(1e-12));
	}

	@Test
	void namesTheProviderOfCallsWithPortableOptions() {
		this.gemini.enqueue(Reply.text("Portable.").usage(10, 2));
		SpringAiLine.portableOptions(chatClient().prompt("Hi"), FLASH)
			.advisors((a) -> a.param(AgentMetrics.AGENT, "portable"))
			.call()
			.content();
		assertThat(scrape().sum("agent_llm_requests_seconds_count", "agent", "portable", "provider", PROVIDER,
				"model", FLASH))
			.isEqualTo(1);
	}

	@Test
	void chargesCachedContentTokensAtTheCachePrice() {
		this.gemini.enqueue(Reply.text("Cached.").usage(1000, 50).cached(600));
		call("cached", "Hello again");
		PrometheusText metrics = scrape();
		// promptTokenCount includes the cached content.
		assertThat(tokens(metrics, "cached", "input")).isEqualTo(1000);
		assertThat(tokens(metrics, "cached", "cache_read")).isEqualTo(600);
		assertThat(tokens(metrics, "cached", "cache_write")).isZero();
		assertThat(tokens(metrics, "cached", "output")).isEqualTo(50);
		assertThat(cost(metrics, "cached")).isCloseTo(400 * IN + 600 * CACHED + 50 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "cached", "result", "hit")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "cached", "result", "miss")).isZero();
	}

	@Test
	void countsThoughtsAsOutputAndTheToolUsePromptAsInput() {
		// Gemini counts neither in promptTokenCount or candidatesTokenCount, but bills both.
		this.gemini.enqueue(Reply.text("42").usage(200, 20).thoughts(380).toolUsePrompt(35));
		call("thinking", "Think hard");
		PrometheusText metrics = scrape();
		assertThat(tokens(metrics, "thinking", "input")).isEqualTo(235);
		assertThat(tokens(metrics, "thinking", "output")).isEqualTo(400);
		assertThat(tokens(metrics, "thinking", "reasoning")).isEqualTo(380);
		assertThat(tokens(metrics, "thinking", "cache_read")).isZero();
		assertThat(cost(metrics, "thinking")).isCloseTo(235 * IN + 400 * OUT, within(1e-12));
	}

	@Test
	void countsEveryRoundOfAToolLoopAsThisLineReportsIt() {
		Reply functionCall = Reply.functionCall("getWeather", "{\"city\":\"Paris\"}")
			.usage(400, 20)
			.cached(100)
			.thoughts(30);
		Reply answer = Reply.text("It is sunny in Paris.").usage(500, 40).cached(300).thoughts(50).toolUsePrompt(10);
		this.gemini.enqueue(functionCall, answer);
		String text = chatClient().prompt("Weather in Paris?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "tools"))
			.tools(new WeatherTools())
			.call()
			.content();
		assertThat(text).isEqualTo("It is sunny in Paris.");
		assertThat(this.gemini.requests().get(1).path("contents").toString()).contains("Sunny in Paris");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "tools", "provider", PROVIDER, "model",
				FLASH, "outcome", "success", "stream", "false"))
			.isEqualTo(1);
		assertBilled(metrics, "tools",
				SpringAiLine.geminiToolLoopRequests(functionCall.usageMetadata(), answer.usageMetadata()));
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "tools", "tool", "getWeather", "outcome",
				"success"))
			.isEqualTo(1);
	}

	@Test
	void takesTheUsageOfAStreamFromItsLastChunkNeverSummingChunks() {
		// Every chunk carries the usage so far: summing them would count the prompt thrice.
		this.gemini.enqueue(Reply.text("Streaming works fine.").usage(90, 12).cached(64).thoughts(8));
		List<String> chunks = chatClient().prompt("Stream please")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Streaming works fine.");
		assertThat(this.gemini.calls()).containsExactly(new Call(FLASH, true, "alt=sse"));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream", "provider", PROVIDER, "model",
				FLASH, "outcome", "success", "stream", "true"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "stream", "input")).isEqualTo(90);
		assertThat(tokens(metrics, "stream", "output")).isEqualTo(20);
		assertThat(tokens(metrics, "stream", "cache_read")).isEqualTo(64);
		assertThat(tokens(metrics, "stream", "reasoning")).isEqualTo(8);
		assertThat(cost(metrics, "stream")).isCloseTo(26 * IN + 64 * CACHED + 20 * OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "stream", "result", "hit")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_time_to_first_token_seconds_count", "agent", "stream", "model", FLASH))
			.isEqualTo(1);
	}

	@Test
	void countsAStreamWithAToolLoopOnceWithItsRoundsAsThisLineReportsThem() {
		Reply functionCall = Reply.functionCall("getWeather", "{\"city\":\"Oslo\"}")
			.usage(300, 20)
			.cached(100)
			.thoughts(25);
		Reply answer = Reply.text("Snow in Oslo.").usage(350, 30).thoughts(10).toolUsePrompt(5);
		this.gemini.enqueue(functionCall, answer);
		String text = String.join("", chatClient().prompt("Weather in Oslo?")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-tools"))
			.tools(new WeatherTools())
			.stream()
			.content()
			.collectList()
			.block());
		assertThat(text).isEqualTo("Snow in Oslo.");
		assertThat(this.gemini.calls()).containsExactly(new Call(FLASH, true, "alt=sse"),
				new Call(FLASH, true, "alt=sse"));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-tools", "provider", PROVIDER,
				"model", FLASH, "outcome", "success", "stream", "true"))
			.isEqualTo(1);
		assertBilled(metrics, "stream-tools",
				SpringAiLine.geminiToolLoopRequests(functionCall.usageMetadata(), answer.usageMetadata()));
		// The tool ran on another thread; the Reactor context still names its agent.
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "stream-tools", "tool", "getWeather",
				"outcome", "success"))
			.isEqualTo(1);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"429 | RESOURCE_EXHAUSTED | Resource has been exhausted (e.g. check quota). | rate_limit",
			"400 | INVALID_ARGUMENT | The input token count (1048577) exceeds the maximum number of tokens allowed (1048576). | context_length",
			"400 | INVALID_ARGUMENT | Invalid JSON payload received. Unknown name \"foo\". | invalid_request",
			"500 | INTERNAL | An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting | server_error",
			"503 | UNAVAILABLE | The model is overloaded. Please try again later. | server_error" })
	void recordsFailedCallsByKindAndRethrows(int code, String status, String message, String kind) {
		String agent = "errors-" + code + "-" + kind;
		this.gemini.enqueue(Reply.error(code, status, message));
		assertThatException().isThrownBy(() -> call(agent, "Hi"))
			.havingRootCause()
			.isInstanceOfSatisfying(ApiException.class, (ex) -> assertThat(ex.code()).isEqualTo(code));
		assertThat(this.gemini.calls()).hasSize(1);
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", agent, "provider", PROVIDER, "model",
				FLASH, "outcome", "error", "error", kind))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", agent, "source", "llm", "kind", kind)).isEqualTo(1);
		assertThat(metrics.matching("agent_llm_tokens_total", "agent", agent)).isEmpty();
	}

	@Test
	void recordsAStreamThatFailsByKind() {
		this.gemini.enqueue(Reply.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."));
		assertThatException().isThrownBy(() -> chatClient().prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-429"))
			.stream()
			.content()
			.collectList()
			.block()).havingRootCause().isInstanceOf(ApiException.class);
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-429", "provider", PROVIDER,
				"model", FLASH, "outcome", "error", "error", "rate_limit", "stream", "true"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "stream-429", "source", "llm", "kind", "rate_limit"))
			.isEqualTo(1);
	}

	@Test
	void pricesAPromptAboveTheLongContextThresholdAtTheTierPriceForTheWholeRequest() {
		this.gemini.enqueue(Reply.text("Long read.").model(PRO).usage(250_000, 2_000).cached(50_000),
				Reply.text("Shorter read.").model(PRO).usage(150_000, 2_000).cached(50_000));
		SpringAiLine.geminiModel(chatClient().prompt("Summarize this book"), PRO)
			.advisors((a) -> a.param(AgentMetrics.AGENT, "long-context"))
			.call()
			.content();
		SpringAiLine.geminiModel(chatClient().prompt("Summarize this chapter"), PRO)
			.advisors((a) -> a.param(AgentMetrics.AGENT, "short-context"))
			.call()
			.content();
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "long-context", "model", PRO, "type", "input"))
			.isEqualTo(250_000);
		assertThat(cost(metrics, "long-context"))
			.isCloseTo(200_000 * LONG_IN + 50_000 * LONG_CACHED + 2_000 * LONG_OUT, within(1e-12));
		assertThat(metrics.sum("agent_llm_tokens_total", "agent", "short-context", "model", PRO, "type", "input"))
			.isEqualTo(150_000);
		assertThat(cost(metrics, "short-context"))
			.isCloseTo(100_000 * PRO_IN + 50_000 * PRO_CACHED + 2_000 * PRO_OUT, within(1e-12));
	}

	/**
	 * Return what Google bills for a response with the given usage, in agent-metrics' token
	 * semantics: every prompt token, tool-use prompt included, as input, every generated
	 * token, thoughts included, as output.
	 * @param usage Gemini's usage metadata
	 * @return the tokens billed
	 */
	static TokenUsage billed(UsageMetadata usage) {
		return new TokenUsage(usage.promptTokenCount() + usage.toolUsePromptTokenCount(),
				usage.candidatesTokenCount() + usage.thoughtsTokenCount(), usage.cachedContentTokenCount(), 0,
				usage.thoughtsTokenCount());
	}

	/** Assert the series of an agent whose calls were billed the given requests of gemini-2.5-flash. */
	private static void assertBilled(PrometheusText metrics, String agent, List<TokenUsage> requests) {
		TokenUsage sum = requests.stream().reduce(TokenUsage.ZERO, TokenUsage::plus);
		double cost = requests.stream().mapToDouble(GeminiIntegrationTests::flashCost).sum();
		long hits = requests.stream().filter((request) -> request.cacheRead() > 0).count();
		assertThat(tokens(metrics, agent, "input")).isEqualTo(sum.input());
		assertThat(tokens(metrics, agent, "output")).isEqualTo(sum.output());
		assertThat(tokens(metrics, agent, "cache_read")).isEqualTo(sum.cacheRead());
		assertThat(tokens(metrics, agent, "cache_write")).isZero();
		assertThat(tokens(metrics, agent, "reasoning")).isEqualTo(sum.reasoning());
		assertThat(cost(metrics, agent)).isCloseTo(cost, within(1e-12));
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", agent, "result", "hit"))
			.isEqualTo(hits);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", agent, "result", "miss"))
			.isEqualTo(requests.size() - hits);
	}

	private static double flashCost(TokenUsage request) {
		return (request.input() - request.cacheRead()) * IN + request.cacheRead() * CACHED + request.output() * OUT;
	}

	private String call(String agent, String question) {
		return chatClient().prompt(question).advisors((a) -> a.param(AgentMetrics.AGENT, agent)).call().content();
	}

	private ChatClient chatClient() {
		return this.client.chatClient();
	}

	private PrometheusText scrape() {
		return this.client.scrape();
	}

}
