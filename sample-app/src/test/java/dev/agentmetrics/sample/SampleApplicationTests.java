package dev.agentmetrics.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assertj.core.api.AbstractDoubleAssert;
import org.junit.jupiter.api.Test;

import dev.agentmetrics.sample.simulator.ChatCompletionSimulator;
import dev.agentmetrics.sample.simulator.ChatCompletionSimulator.Fault;
import dev.agentmetrics.sample.simulator.SimulatorLedger;
import dev.agentmetrics.sample.simulator.SimulatorLedger.Totals;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestConstructor;
import org.springframework.test.context.TestConstructor.AutowireMode;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample on a free port of 127.0.0.1, with the background traffic off and the
 * simulator's failures and slowness at zero, and checks the agent, the simulator's wire
 * format and the metrics agent-metrics records against what the simulator billed.
 * Prometheus export, which Spring Boot 3.5 turns off in tests by default, is turned on by
 * name, so that {@code /actuator/prometheus} exists on both lines.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "management.prometheus.metrics.export.enabled=true", "sample.traffic.enabled=false",
				"sample.simulator.rate-limit-rate=0",
				"resilience4j.circuitbreaker.instances.openai.wait-duration-in-open-state=500ms",
				"sample.simulator.server-error-rate=0", "sample.simulator.slow-rate=0",
				"sample.simulator.stream-chunk-delay=0ms", "sample.simulator.seed=42" })
@TestConstructor(autowireMode = AutowireMode.ALL)
class SampleApplicationTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String MODEL = "gpt-4o-mini-2024-07-18";

	/** The model the sample asks for, which tags its calls. */
	private static final String TAG_MODEL = "gpt-4o-mini";

	private static final Pattern SAMPLE_LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final SimulatorLedger ledger;

	private final ChatCompletionSimulator simulator;

	/** Jackson 2 on both lines, as the simulator's own mapper. */
	private final ObjectMapper objectMapper = new ObjectMapper();

	SampleApplicationTests(SimulatorLedger ledger, ChatCompletionSimulator simulator) {
		this.ledger = ledger;
		this.simulator = simulator;
	}

	@DynamicPropertySource
	static void serverOnFreeLoopbackPort(DynamicPropertyRegistry registry) {
		// spring.ai.openai.base-url follows server.port (see application.yml).
		registry.add("server.port", () -> PORT);
		registry.add("server.address", () -> "127.0.0.1");
	}

	@Test
	void agentAnswersQuestionsWithAndWithoutTools() throws Exception {
		Totals before = this.ledger.totals();
		HttpResponse<String> toolAnswer = post("/ask", "{\"question\": \"What is the status of order 1042?\"}");
		assertThat(toolAnswer.statusCode()).isEqualTo(200);
		// Only lookupOrder knows the status and the items: the tool ran and the model used its result.
		assertThat(json(toolAnswer.body()).path("answer").asText()).contains("lookupOrder", "order id 1042",
				"status SHIPPED", "Wireless headphones");
		assertThat(this.ledger.totals().minus(before).requests()).as("a tool call, then the final answer")
			.isEqualTo(2);

		before = this.ledger.totals();
		HttpResponse<String> plainAnswer = post("/ask", "{\"question\": \"What are your support hours?\"}");
		assertThat(plainAnswer.statusCode()).isEqualTo(200);
		assertThat(json(plainAnswer.body()).path("answer").asText()).contains("available 24/7");
		assertThat(this.ledger.totals().minus(before).requests()).isEqualTo(1);

		HttpResponse<String> streamed = post("/ask/stream",
				"{\"question\": \"Where is my package for order 1044? Please track it.\"}");
		assertThat(streamed.statusCode()).isEqualTo(200);
		assertThat(streamed.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/plain"));
		assertThat(streamed.body()).contains("trackShipment", "status LABEL_CREATED", "carrier DHL");

		assertThat(post("/ask", "{\"question\": \" \"}").statusCode()).isEqualTo(400);
	}

	@Test
	void simulatorStreamsChunksThenUsageThenDone() throws Exception {
		ObjectNode request = chatRequest("gpt-4o-mini", "What are your support hours?");
		request.put("stream", true);
		request.putObject("stream_options").put("include_usage", true);

		HttpResponse<String> response = postToSimulator(request);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(contentType) -> assertThat(contentType).startsWith("text/event-stream"));
		List<String> events = sseData(response.body());
		assertThat(events).last().isEqualTo("[DONE]");
		List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(this::json).toList();
		JsonNode usageChunk = chunks.get(chunks.size() - 1);
		JsonNode lastChoiceChunk = chunks.get(chunks.size() - 2);
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk.path("object").asText()).isEqualTo("chat.completion.chunk");
			assertThat(chunk.path("model").asText()).isEqualTo(MODEL);
			assertThat(chunk.path("id").asText()).isEqualTo(chunks.get(0).path("id").asText());
		});
		assertThat(chunks.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
		assertThat(chunks.subList(0, chunks.size() - 2))
			.allSatisfy((chunk) -> assertThat(chunk.at("/choices/0/finish_reason").isNull()).isTrue());
		assertThat(lastChoiceChunk.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
		assertThat(usageChunk.path("choices").isArray()).isTrue();
		assertThat(usageChunk.path("choices")).isEmpty();

		StringBuilder answer = new StringBuilder();
		chunks.forEach((chunk) -> answer.append(chunk.at("/choices/0/delta/content").asText("")));
		assertThat(answer.toString()).contains("available 24/7");
		JsonNode usage = usageChunk.path("usage");
		int promptTokens = tokens(this.objectMapper.writeValueAsBytes(request.path("messages")).length);
		int completionTokens = tokens(answer.toString().getBytes(StandardCharsets.UTF_8).length);
		assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(promptTokens);
		assertThat(usage.path("completion_tokens").asInt()).isEqualTo(completionTokens);
		assertThat(usage.path("total_tokens").asInt()).isEqualTo(promptTokens + completionTokens);
		assertThat(usage.at("/completion_tokens_details/reasoning_tokens").asInt()).isZero();
		assertThat(usage.at("/prompt_tokens_details/cached_tokens").isInt()).isTrue();

		// Without include_usage, there is no usage chunk.
		request.remove("stream_options");
		List<String> withoutUsage = sseData(postToSimulator(request).body());
		assertThat(withoutUsage).last().isEqualTo("[DONE]");
		assertThat(json(withoutUsage.get(withoutUsage.size() - 2)).at("/choices/0/finish_reason").asText())
			.isEqualTo("stop");
		assertThat(withoutUsage).noneSatisfy((event) -> assertThat(event).contains("\"usage\""));
	}

	@Test
	void simulatorCallsToolsThenAnswersFromTheirResults() throws Exception {
		ObjectNode request = chatRequest("gpt-4o-mini", "Can I get a refund for order 1045?");
		ArrayNode tools = request.putArray("tools");
		for (String name : List.of("lookupOrder", "trackShipment", "checkRefundPolicy")) {
			ObjectNode function = tools.addObject().put("type", "function").putObject("function");
			function.put("name", name).put("description", "Tool " + name);
			ObjectNode parameters = function.putObject("parameters").put("type", "object");
			parameters.putObject("properties").putObject("orderId").put("type", "string");
			parameters.putArray("required").add("orderId");
		}

		JsonNode toolCall = json(postToSimulator(request).body());
		assertThat(toolCall.path("object").asText()).isEqualTo("chat.completion");
		assertThat(toolCall.path("model").asText()).isEqualTo(MODEL);
		assertThat(toolCall.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
		JsonNode message = toolCall.at("/choices/0/message");
		assertThat(message.has("content")).isTrue();
		assertThat(message.path("content").isNull()).isTrue();
		JsonNode call = message.at("/tool_calls/0");
		assertThat(call.path("type").asText()).isEqualTo("function");
		assertThat(call.at("/function/name").asText()).isEqualTo("checkRefundPolicy");
		assertThat(json(call.at("/function/arguments").asText()).path("orderId").asText()).isEqualTo("1045");
		assertThat(toolCall.at("/usage/prompt_tokens").asInt()).isEqualTo(
				tokens(this.objectMapper.writeValueAsBytes(request.path("messages")).length
						+ this.objectMapper.writeValueAsBytes(tools).length));

		ArrayNode messages = (ArrayNode) request.path("messages");
		messages.add(message);
		messages.addObject()
			.put("role", "tool")
			.put("tool_call_id", call.path("id").asText())
			.put("content", "{\"orderId\":\"1045\",\"eligible\":false,\"reason\":\"window closed\"}");
		request.put("model", "o4-mini");
		JsonNode answer = json(postToSimulator(request).body());
		assertThat(answer.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
		String text = answer.at("/choices/0/message/content").asText();
		assertThat(text).contains("checkRefundPolicy", "order id 1045", "eligible no", "reason window closed");
		assertThat(answer.at("/choices/0/message").has("tool_calls")).isFalse();
		// A reasoning model: 3 reasoning tokens per visible token, counted in completion_tokens.
		assertThat(answer.path("model").asText()).isEqualTo("o4-mini-2025-04-16");
		int visible = tokens(text.getBytes(StandardCharsets.UTF_8).length);
		assertThat(answer.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(3 * visible);
		assertThat(answer.at("/usage/completion_tokens").asInt()).isEqualTo(4 * visible);
	}

	@Test
	void simulatorFailsLikeOpenAi() throws Exception {
		ObjectNode request = chatRequest("gpt-4o-mini", "Hello");
		Totals before = this.ledger.totals();
		this.simulator.injectFaults(Fault.RATE_LIMIT, Fault.SERVER_ERROR);

		HttpResponse<String> rateLimited = postToSimulator(request);
		assertThat(rateLimited.statusCode()).isEqualTo(429);
		assertThat(json(rateLimited.body()).at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
		assertThat(json(rateLimited.body()).at("/error/type").asText()).isEqualTo("requests");
		assertThat(json(rateLimited.body()).at("/error/message").asText()).contains("Rate limit reached");

		HttpResponse<String> serverError = postToSimulator(request);
		assertThat(serverError.statusCode()).isEqualTo(500);
		assertThat(json(serverError.body()).at("/error/type").asText()).isEqualTo("server_error");

		HttpResponse<String> unauthorized = send(HttpRequest.newBuilder(uri("/simulator/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(request.toString()))
			.build());
		assertThat(unauthorized.statusCode()).isEqualTo(401);
		assertThat(json(unauthorized.body()).at("/error/code").asText()).isEqualTo("invalid_api_key");

		HttpResponse<String> notJson = send(HttpRequest.newBuilder(uri("/simulator/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer test")
			.POST(HttpRequest.BodyPublishers.ofString("{\"model\": "))
			.build());
		assertThat(notJson.statusCode()).isEqualTo(400);
		assertThat(json(notJson.body()).at("/error/type").asText()).isEqualTo("invalid_request_error");

		Totals billed = this.ledger.totals().minus(before);
		assertThat(billed.rateLimited()).isEqualTo(1);
		assertThat(billed.serverErrors()).isEqualTo(1);
		assertThat(billed.requests()).isZero();
	}

	/**
	 * The metrics that agent-metrics records must match, exactly, what the simulator
	 * billed: this method fails, alone, while the starter is incomplete.
	 */
	@Test
	void agentMetricsMatchWhatTheSimulatorBilled() throws Exception {
		// Plain calls: one model round per ChatClient call.
		Totals ledgerBefore = this.ledger.totals();
		Map<Series, Double> before = scrape();
		assertThat(post("/ask", "{\"question\": \"How do I reset my password?\"}").statusCode()).isEqualTo(200);
		assertThat(post("/ask", "{\"question\": \"Which payment methods do you accept?\"}").statusCode())
			.isEqualTo(200);
		assertThat(post("/ask/stream", "{\"question\": \"What are your support hours?\"}").statusCode())
			.isEqualTo(200);
		Totals plain = this.ledger.totals().minus(ledgerBefore);
		assertThat(plain.requests()).isEqualTo(3);
		assertThat(plain.streamedRequests()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<Series, Double> after = scrape();
			assertDelta(before, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "model", TAG_MODEL, "outcome", "success", "error", "none", "stream", "false")
				.isEqualTo(2);
			assertDelta(before, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "model", TAG_MODEL, "outcome", "success", "error", "none", "stream", "true")
				.isEqualTo(1);
			assertTokens(before, after, plain);
			assertDelta(before, after, "agent_llm_prompt_cache_total", "agent", "support", "result", "hit")
				.isEqualTo(plain.cacheHits());
			assertDelta(before, after, "agent_llm_prompt_cache_total", "agent", "support", "result", "miss")
				.isEqualTo(plain.cacheMisses());
			// gpt-4o-mini: $0.15 per million input tokens, $0.075 cached, $0.60 output.
			double cost = ((plain.promptTokens() - plain.cachedTokens()) * 0.15 + plain.cachedTokens() * 0.075
					+ plain.completionTokens() * 0.60) / 1_000_000;
			assertDelta(before, after, "agent_llm_cost_usd_total", "agent", "support").isCloseTo(cost,
					within(1e-12));
			// Each question is one @AgentRun run with one LLM call; the stream is a run
			// until its last chunk.
			assertDelta(before, after, "agent_runs_seconds_count", "agent", "support", "outcome", "success")
				.isEqualTo(3);
			assertDelta(before, after, "agent_run_llm_calls_sum", "agent", "support").isEqualTo(3);
			assertDelta(before, after, "agent_run_cost_microusd_sum", "agent", "support").isCloseTo(cost * 1e6, within(1e-6));
			assertThat(after.get(new Series("agent_runs_active", Map.of("agent", "support")))).isZero();
		});

		// Tool calls, blocking and streaming, and a reasoning model: several model rounds
		// per ChatClient call, every one of them billed.
		Totals ledgerBeforeTools = this.ledger.totals();
		Map<Series, Double> beforeTools = scrape();
		assertThat(post("/ask", "{\"question\": \"What did I order in order 1043?\"}").statusCode()).isEqualTo(200);
		assertThat(post("/ask/stream", "{\"question\": \"Where is order 1042? Please track it.\"}").statusCode())
			.isEqualTo(200);
		assertThat(post("/ask", "{\"question\": \"Can I get a refund for order 1045?\", \"model\": \"o4-mini\"}")
			.statusCode()).isEqualTo(200);
		Totals tools = this.ledger.totals().minus(ledgerBeforeTools);
		assertThat(tools.requests()).isEqualTo(6);
		assertThat(tools.reasoningTokens()).isPositive();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<Series, Double> after = scrape();
			assertTokens(beforeTools, after, tools);
			assertDelta(beforeTools, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "model", TAG_MODEL, "outcome", "success", "error", "none", "stream", "false")
				.isEqualTo(1);
			assertDelta(beforeTools, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "model", TAG_MODEL, "outcome", "success", "error", "none", "stream", "true")
				.isEqualTo(1);
			// The model was overridden with portable ChatOptions: the provider is still OpenAI.
			assertDelta(beforeTools, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "model", "o4-mini", "outcome", "success", "error", "none", "stream",
					"false")
				.isEqualTo(1);
		});

		// A rate-limited call: every attempt answered 429. Spring AI 1.1 makes one, the OpenAI
		// SDK under Spring AI 2.0 retries it.
		Map<Series, Double> beforeError = scrape();
		Totals ledgerBeforeError = this.ledger.totals();
		for (int attempt = 0; attempt <= SpringAiLine.RATE_LIMIT_RETRIES; attempt++) {
			this.simulator.injectFaults(Fault.RATE_LIMIT);
		}
		assertThat(post("/ask", "{\"question\": \"Hello\"}").statusCode()).isEqualTo(502);
		assertThat(this.ledger.totals().minus(ledgerBeforeError).rateLimited())
			.isEqualTo(1 + SpringAiLine.RATE_LIMIT_RETRIES);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<Series, Double> after = scrape();
			assertDelta(beforeError, after, "agent_llm_retries_total", "agent", "support", "provider", "openai",
					"error", "rate_limit")
				.isEqualTo(SpringAiLine.RATE_LIMIT_RETRIES);
			assertDelta(beforeError, after, "agent_llm_requests_seconds_count", "agent", "support", "provider",
					"openai", "outcome", "error", "error", "rate_limit", "stream", "false")
				.isEqualTo(1);
			assertDelta(beforeError, after, "agent_errors_total", "agent", "support", "source", "llm", "kind",
					"rate_limit")
				.isEqualTo(1);
			assertDelta(beforeError, after, "agent_runs_seconds_count", "agent", "support", "outcome", "error",
					"error", "rate_limit")
				.isEqualTo(1);
			assertDelta(beforeError, after, "agent_errors_total", "agent", "support", "source", "run", "kind",
					"rate_limit")
				.isEqualTo(1);
		});
	}

	/**
	 * The sample's looping question and failing tool move the tool meters: exact counts.
	 */
	@Test
	void aLoopingQuestionAndAFailingToolMoveTheToolMeters() throws Exception {
		Totals ledgerBefore = this.ledger.totals();
		Map<Series, Double> before = scrape();
		assertThat(post("/ask", "{\"question\": \"Please keep checking the shipment of order 1042 until it moves.\"}")
			.statusCode()).isEqualTo(200);
		HttpResponse<String> failedTool = post("/ask", "{\"question\": \"Can you track order 1046 for me?\"}");
		assertThat(failedTool.statusCode()).isEqualTo(200);
		assertThat(json(failedTool.body()).path("answer").asText()).contains("tracking service is unavailable");
		// Four tracking calls and an answer, then one failing tracking call and an answer.
		assertThat(this.ledger.totals().minus(ledgerBefore).requests()).isEqualTo(7);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Map<Series, Double> after = scrape();
			assertDelta(before, after, "agent_tool_calls_seconds_count", "agent", "support", "tool", "trackShipment",
					"outcome", "success")
				.isEqualTo(4);
			assertDelta(before, after, "agent_tool_loops_total", "agent", "support", "tool", "trackShipment")
				.isEqualTo(1);
			assertDelta(before, after, "agent_tool_calls_seconds_count", "agent", "support", "tool", "trackShipment",
					"outcome", "error", "error", "tool_failure")
				.isEqualTo(1);
			assertDelta(before, after, "agent_errors_total", "agent", "support", "source", "tool", "kind",
					"tool_failure")
				.isEqualTo(1);
			assertDelta(before, after, "agent_run_tool_calls_sum", "agent", "support").isEqualTo(5);
			assertDelta(before, after, "agent_runs_seconds_count", "agent", "support", "outcome", "success")
				.isEqualTo(2);
		});
	}

	/**
	 * A simulated outage opens the breaker, which then rejects calls without requests to the
	 * provider; after the outage, probes close it again.
	 */
	@Test
	void anOutageOpensTheBreakerAndItClosesAfterwards() throws Exception {
		Map<Series, Double> before = scrape();
		assertThat(post("/simulator/outage?mode=server-errors", "").statusCode()).isEqualTo(200);
		try {
			int asks = 0;
			while (state() != 1.0 && asks < 10) {
				assertThat(post("/ask", "{\"question\": \"Hello\"}").statusCode()).isEqualTo(502);
				asks++;
			}
			assertThat(state()).as("breaker state after %d failed calls", asks).isEqualTo(1.0);
			Totals ledgerBefore = this.ledger.totals();
			assertThat(post("/ask", "{\"question\": \"Hello\"}").statusCode()).isEqualTo(503);
			assertThat(this.ledger.totals().minus(ledgerBefore).serverErrors()).isZero();
			Map<Series, Double> open = scrape();
			assertDelta(before, open, "agent_circuit_breaker_transitions_total", "name", "openai", "from", "closed",
					"to", "open")
				.isEqualTo(1);
			assertDelta(before, open, "agent_llm_requests_seconds_count", "agent", "support", "error", "circuit_open")
				.isEqualTo(1);
		}
		finally {
			assertThat(post("/simulator/outage?mode=none", "").statusCode()).isEqualTo(200);
		}
		Thread.sleep(600);
		assertThat(post("/ask", "{\"question\": \"Hello again\"}").statusCode()).isEqualTo(200);
		assertThat(post("/ask", "{\"question\": \"Still there?\"}").statusCode()).isEqualTo(200);
		Map<Series, Double> after = scrape();
		assertThat(state()).isZero();
		assertDelta(before, after, "agent_circuit_breaker_transitions_total", "name", "openai", "from", "open", "to",
				"half_open")
			.isEqualTo(1);
		assertDelta(before, after, "agent_circuit_breaker_transitions_total", "name", "openai", "from", "half_open",
				"to", "closed")
			.isEqualTo(1);
	}

	private double state() throws Exception {
		return scrape().get(new Series("agent_circuit_breaker_state", Map.of("name", "openai")));
	}

	private static void assertTokens(Map<Series, Double> before, Map<Series, Double> after, Totals billed) {
		assertThat(tokenDelta(before, after, "input")).as("input tokens").isEqualTo(billed.promptTokens());
		assertThat(tokenDelta(before, after, "output")).as("output tokens").isEqualTo(billed.completionTokens());
		assertThat(tokenDelta(before, after, "cache_read")).as("cache_read tokens")
			.isEqualTo(billed.cachedTokens());
		assertThat(tokenDelta(before, after, "reasoning")).as("reasoning tokens")
			.isEqualTo(billed.reasoningTokens());
		assertThat(tokenDelta(before, after, "cache_write")).as("cache_write tokens").isZero();
	}

	private static AbstractDoubleAssert<?> assertDelta(Map<Series, Double> before, Map<Series, Double> after,
			String name, String... labels) {
		return assertThat(delta(before, after, name, labels)).as("increase of %s%s", name, Arrays.toString(labels));
	}

	private static long tokenDelta(Map<Series, Double> before, Map<Series, Double> after, String type) {
		return Math.round(delta(before, after, "agent_llm_tokens_total", "agent", "support", "type", type));
	}

	/** Ceil(bytes / 4), at least 1: the simulator's token estimate. */
	private static int tokens(int bytes) {
		return Math.max(1, (bytes + 3) / 4);
	}

	private ObjectNode chatRequest(String model, String question) {
		ObjectNode request = this.objectMapper.createObjectNode().put("model", model);
		ArrayNode messages = request.putArray("messages");
		messages.addObject().put("role", "system").put("content", "You are a terse support agent.");
		messages.addObject().put("role", "user").put("content", question);
		return request;
	}

	private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> postToSimulator(JsonNode request) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri("/simulator/v1/chat/completions"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer test")
			.POST(HttpRequest.BodyPublishers.ofString(request.toString()))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private static URI uri(String path) {
		return URI.create("http://127.0.0.1:" + PORT + path);
	}

	private JsonNode json(String text) {
		try {
			return this.objectMapper.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Not JSON: " + text, ex);
		}
	}

	/** The data of each server-sent event, in order. */
	private static List<String> sseData(String body) {
		List<String> data = new ArrayList<>();
		for (String event : body.split("\n\n")) {
			if (event.startsWith("data: ")) {
				data.add(event.substring("data: ".length()));
			}
		}
		return data;
	}

	/** Every sample of {@code /actuator/prometheus}, by series. */
	private Map<Series, Double> scrape() throws IOException, InterruptedException {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build());
		assertThat(response.statusCode()).isEqualTo(200);
		Map<Series, Double> samples = new HashMap<>();
		for (String line : response.body().split("\n")) {
			Matcher sample = SAMPLE_LINE.matcher(line);
			if (line.startsWith("#") || !sample.find()) {
				continue;
			}
			Map<String, String> labels = new HashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			samples.put(new Series(sample.group(1), labels), Double.parseDouble(sample.group(3)));
		}
		return samples;
	}

	/**
	 * The increase, between two scrapes, of the sum of a metric's series that have the
	 * given labels (name, value, name, value...); a series absent from a scrape counts 0.
	 */
	private static double delta(Map<Series, Double> before, Map<Series, Double> after, String name,
			String... labels) {
		return sum(after, name, labels) - sum(before, name, labels);
	}

	private static double sum(Map<Series, Double> samples, String name, String... labels) {
		double sum = 0;
		for (Map.Entry<Series, Double> sample : samples.entrySet()) {
			if (sample.getKey().name().equals(name) && sample.getKey().has(labels)) {
				sum += sample.getValue();
			}
		}
		return sum;
	}

	private record Series(String name, Map<String, String> labels) {

		boolean has(String... expected) {
			for (int i = 0; i < expected.length; i += 2) {
				if (!expected[i + 1].equals(this.labels.get(expected[i]))) {
					return false;
				}
			}
			return true;
		}

	}

}
