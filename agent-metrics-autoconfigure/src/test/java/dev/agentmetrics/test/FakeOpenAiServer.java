package dev.agentmetrics.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Scriptable fake of OpenAI's chat-completions HTTP API on {@code 127.0.0.1}, for driving
 * the real {@code spring-ai-openai} client over loopback.
 * <p>
 * Every {@code POST /v1/chat/completions} takes the next {@link FakeResponse} of a FIFO
 * script and is answered as JSON, or as server-sent events when the request has
 * {@code "stream":true}. Every request received is recorded. A request that finds the
 * script empty, or that goes to another path, is answered with an OpenAI-style error (500
 * or 404) and also kept in {@link #unexpectedRequests()}. Typical use:
 *
 * <pre>{@code
 * try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
 *     server.enqueue(FakeResponse.toolCalls(FakeResponse.call("get_weather", "{\"city\":\"Paris\"}")),
 *             FakeResponse.text("Sunny").usage(100, 20).cachedTokens(40));
 *     OpenAiApi api = OpenAiApi.builder().baseUrl(server.baseUrl()).apiKey("test").build();
 *     // ... drive the client, then
 *     server.verify();
 * }
 * }</pre>
 *
 * All methods are thread-safe. {@link #baseUrl()} has no {@code /v1}, as
 * {@code spring.ai.openai.base-url} expects.
 */
public final class FakeOpenAiServer implements AutoCloseable {

	/** The path the chat-completions endpoint answers on. */
	public static final String CHAT_COMPLETIONS_PATH = "/v1/chat/completions";

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final int DEFAULT_ARGUMENT_CHUNK = 8;

	private final HttpServer server;

	private final ExecutorService executor;

	private final Queue<Scripted> script = new ConcurrentLinkedQueue<>();

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final List<RecordedRequest> unexpected = new CopyOnWriteArrayList<>();

	private final AtomicInteger requestIndex = new AtomicInteger();

	private final AtomicInteger completionIds = new AtomicInteger();

	private final AtomicInteger toolCallIds = new AtomicInteger();

	private FakeOpenAiServer() throws IOException {
		InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
		this.executor = Executors.newCachedThreadPool(threadFactory(this.server.getAddress().getPort()));
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a server on a free port of {@code 127.0.0.1}.
	 * @return the started server
	 */
	public static FakeOpenAiServer start() {
		try {
			return new FakeOpenAiServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start FakeOpenAiServer", ex);
		}
	}

	/**
	 * Return the base URL to give the client, {@code http://127.0.0.1:<port>}, without
	 * {@code /v1}.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Append responses to the script; each chat-completions request takes the next one.
	 * @param responses the responses, in the order requests will get them
	 * @return this server
	 */
	public FakeOpenAiServer enqueue(FakeResponse... responses) {
		for (FakeResponse response : responses) {
			this.script.add(new Scripted(response.toString(), (request) -> response));
		}
		return this;
	}

	/**
	 * Append a response computed from the request that takes it, for answers that depend on
	 * what was asked (concurrent callers, echoes).
	 * @param responder computes the response from the recorded request
	 * @return this server
	 */
	public FakeOpenAiServer enqueue(Function<RecordedRequest, FakeResponse> responder) {
		this.script.add(new Scripted("dynamic response", responder));
		return this;
	}

	/**
	 * Return how many scripted responses no request has taken yet.
	 * @return the number of pending responses
	 */
	public int pendingResponses() {
		return this.script.size();
	}

	/**
	 * Return every request received so far, in arrival order, including unexpected ones.
	 * @return an immutable snapshot of the requests
	 */
	public List<RecordedRequest> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * Return the request received at the given position.
	 * @param index the position, 0 for the first request
	 * @return the request
	 */
	public RecordedRequest request(int index) {
		List<RecordedRequest> snapshot = requests();
		if (index < 0 || index >= snapshot.size()) {
			throw new AssertionError("No request #" + index + ": " + snapshot.size() + " received");
		}
		return snapshot.get(index);
	}

	/**
	 * Return the last request received.
	 * @return the request
	 */
	public RecordedRequest lastRequest() {
		return request(requestCount() - 1);
	}

	/**
	 * Return how many requests were received so far.
	 * @return the number of requests
	 */
	public int requestCount() {
		return this.requests.size();
	}

	/**
	 * Return the requests that found no scripted response or went to another path than
	 * {@value #CHAT_COMPLETIONS_PATH}.
	 * @return an immutable snapshot of the unexpected requests
	 */
	public List<RecordedRequest> unexpectedRequests() {
		return List.copyOf(this.unexpected);
	}

	/**
	 * Fail when a request was unexpected or a scripted response was never taken.
	 * @throws AssertionError describing what went wrong
	 */
	public void verify() {
		List<String> problems = new ArrayList<>();
		for (RecordedRequest request : this.unexpected) {
			problems.add("unexpected request #" + request.index() + " " + request.method() + " " + request.path());
		}
		for (Scripted scripted : this.script) {
			problems.add("unused " + scripted.description());
		}
		if (!problems.isEmpty()) {
			throw new AssertionError("FakeOpenAiServer: " + String.join("; ", problems));
		}
	}

	/**
	 * Forget the script and everything recorded; generated ids keep counting.
	 */
	public void reset() {
		this.script.clear();
		this.requests.clear();
		this.unexpected.clear();
	}

	/**
	 * Stop the server, dropping open connections, and its threads.
	 */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		// The JDK HTTP client sends chunked bodies without Content-Length (and an
		// "Upgrade: h2c" header, which this HTTP/1.1 server ignores); readAllBytes
		// decodes the chunks.
		byte[] body = exchange.getRequestBody().readAllBytes();
		RecordedRequest request = RecordedRequest.of(this.requestIndex.getAndIncrement(), exchange, body);
		this.requests.add(request);
		try {
			if (!"POST".equals(request.method()) || !CHAT_COMPLETIONS_PATH.equals(request.path())) {
				this.unexpected.add(request);
				sendError(exchange, 404, "invalid_request_error", null,
						"Invalid URL (" + request.method() + " " + request.path() + ")");
				return;
			}
			Scripted scripted = this.script.poll();
			if (scripted == null) {
				this.unexpected.add(request);
				sendError(exchange, 500, "fake_server_error", "no_scripted_response", "FakeOpenAiServer has no "
						+ "scripted response left for request #" + request.index() + " (" + request.summary() + ")");
				return;
			}
			FakeResponse response;
			try {
				response = scripted.responder().apply(request);
			}
			catch (RuntimeException ex) {
				this.unexpected.add(request);
				sendError(exchange, 500, "fake_server_error", "responder_failed",
						"FakeOpenAiServer responder failed: " + ex);
				return;
			}
			sleep(response.delay);
			answer(exchange, request, response);
		}
		catch (InterruptedException ex) {
			// The server is closing: drop the connection.
			Thread.currentThread().interrupt();
			throw new DroppedConnection();
		}
	}

	private void answer(HttpExchange exchange, RecordedRequest request, FakeResponse response)
			throws IOException, InterruptedException {
		response.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
		switch (response.kind) {
			case DISCONNECT -> throw new DroppedConnection();
			case RAW -> send(exchange, response.status, response.rawContentType,
					response.rawBody.getBytes(StandardCharsets.UTF_8));
			case ERROR -> sendError(exchange, response.status, response.errorType, response.errorCode,
					response.errorMessage);
			case COMPLETION -> {
				Answer answer = new Answer(response, "chatcmpl-fake-" + this.completionIds.incrementAndGet(),
						withIds(response.toolCalls), Instant.now().getEpochSecond());
				if (request.isStream()) {
					stream(exchange, answer, request.includeUsage());
				}
				else {
					send(exchange, 200, "application/json", JSON.writeValueAsBytes(completion(answer)));
				}
			}
		}
	}

	private List<FakeResponse.ToolCall> withIds(List<FakeResponse.ToolCall> calls) {
		return calls.stream()
			.map((call) -> (call.id() != null) ? call : call.withId("call_" + this.toolCallIds.incrementAndGet()))
			.toList();
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static void sendError(HttpExchange exchange, int status, String type, String code, String message)
			throws IOException {
		ObjectNode body = JSON.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", type);
		error.putNull("param");
		error.put("code", code);
		send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
	}

	private static ObjectNode completion(Answer answer) {
		FakeResponse response = answer.response();
		ObjectNode completion = envelope(answer, "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		message.put("content", response.content);
		if (!answer.toolCalls().isEmpty()) {
			ArrayNode calls = message.putArray("tool_calls");
			for (FakeResponse.ToolCall call : answer.toolCalls()) {
				ObjectNode node = calls.addObject().put("id", call.id()).put("type", "function");
				node.putObject("function").put("name", call.name()).put("arguments", call.arguments());
			}
		}
		message.putNull("refusal");
		message.putArray("annotations");
		choice.putNull("logprobs");
		choice.put("finish_reason", response.effectiveFinishReason());
		if (response.usage) {
			completion.set("usage", usage(response));
		}
		completion.put("service_tier", "default");
		completion.put("system_fingerprint", "fp_fake");
		return completion;
	}

	private void stream(HttpExchange exchange, Answer answer, boolean includeUsage)
			throws IOException, InterruptedException {
		FakeResponse response = answer.response();
		List<String> events = new ArrayList<>();
		for (ObjectNode delta : deltas(answer)) {
			events.add(choiceChunk(answer, delta, null, includeUsage));
		}
		events.add(choiceChunk(answer, JSON.createObjectNode(), response.effectiveFinishReason(), includeUsage));
		if (includeUsage && response.usage) {
			ObjectNode chunk = envelope(answer, "chat.completion.chunk");
			chunk.putArray("choices");
			chunk.set("usage", usage(response));
			events.add(JSON.writeValueAsString(chunk));
		}
		events.add("[DONE]");

		exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
		exchange.getResponseHeaders().set("Cache-Control", "no-cache");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		for (int i = 0; i < events.size(); i++) {
			if (i == response.failStreamAfter) {
				throw new DroppedConnection();
			}
			if (i > 0) {
				sleep(response.chunkDelay);
			}
			out.write(("data: " + events.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
			out.flush();
		}
		out.close();
	}

	/**
	 * The deltas OpenAI streams before the finish chunk: the role, content pieces, then for
	 * each tool call a header (index, id, name, empty arguments) and argument pieces. When
	 * there is no content, the role rides on the first tool-call delta, as OpenAI does.
	 */
	private static List<ObjectNode> deltas(Answer answer) {
		FakeResponse response = answer.response();
		List<ObjectNode> deltas = new ArrayList<>();
		boolean hasContent = response.content != null || answer.toolCalls().isEmpty();
		if (hasContent) {
			deltas.add(JSON.createObjectNode().put("role", "assistant").put("content", "").putNull("refusal"));
			String content = (response.content != null) ? response.content : "";
			for (String piece : split(content, response.chunkSize, true)) {
				deltas.add(JSON.createObjectNode().put("content", piece));
			}
		}
		for (int i = 0; i < answer.toolCalls().size(); i++) {
			FakeResponse.ToolCall call = answer.toolCalls().get(i);
			ObjectNode header = JSON.createObjectNode();
			if (deltas.isEmpty()) {
				header.put("role", "assistant").putNull("content");
			}
			ObjectNode headerCall = header.putArray("tool_calls").addObject();
			headerCall.put("index", i).put("id", call.id()).put("type", "function");
			headerCall.putObject("function").put("name", call.name()).put("arguments", "");
			if (deltas.isEmpty()) {
				header.putNull("refusal");
			}
			deltas.add(header);
			int size = (response.chunkSize > 0) ? response.chunkSize : DEFAULT_ARGUMENT_CHUNK;
			for (String piece : split(call.arguments(), size, false)) {
				ObjectNode delta = JSON.createObjectNode();
				ObjectNode argumentCall = delta.putArray("tool_calls").addObject().put("index", i);
				argumentCall.putObject("function").put("arguments", piece);
				deltas.add(delta);
			}
		}
		return deltas;
	}

	private static List<String> split(String text, int size, boolean atWhitespace) {
		if (text.isEmpty()) {
			return List.of();
		}
		if (size <= 0 && atWhitespace) {
			return List.of(text.split("(?=\\s)"));
		}
		List<String> pieces = new ArrayList<>();
		for (int i = 0; i < text.length(); i += size) {
			pieces.add(text.substring(i, Math.min(text.length(), i + size)));
		}
		return pieces;
	}

	private static String choiceChunk(Answer answer, ObjectNode delta, String finishReason, boolean includeUsage)
			throws JsonProcessingException {
		ObjectNode chunk = envelope(answer, "chat.completion.chunk");
		ObjectNode choice = chunk.putArray("choices").addObject();
		choice.put("index", 0);
		choice.set("delta", delta);
		choice.putNull("logprobs");
		choice.put("finish_reason", finishReason);
		if (includeUsage) {
			chunk.putNull("usage");
		}
		return JSON.writeValueAsString(chunk);
	}

	private static ObjectNode envelope(Answer answer, String object) {
		ObjectNode node = JSON.createObjectNode();
		node.put("id", (answer.response().id != null) ? answer.response().id : answer.id());
		node.put("object", object);
		node.put("created", answer.created());
		node.put("model", answer.response().model);
		return node;
	}

	private static ObjectNode usage(FakeResponse response) {
		ObjectNode usage = JSON.createObjectNode();
		usage.put("prompt_tokens", response.promptTokens);
		usage.put("completion_tokens", response.completionTokens);
		usage.put("total_tokens", response.effectiveTotalTokens());
		usage.putObject("prompt_tokens_details").put("cached_tokens", response.cachedTokens).put("audio_tokens", 0);
		usage.putObject("completion_tokens_details")
			.put("reasoning_tokens", response.reasoningTokens)
			.put("audio_tokens", 0)
			.put("accepted_prediction_tokens", 0)
			.put("rejected_prediction_tokens", 0);
		return usage;
	}

	private static void sleep(Duration duration) throws InterruptedException {
		if (!duration.isZero() && !duration.isNegative()) {
			Thread.sleep(duration.toMillis());
		}
	}

	private static ThreadFactory threadFactory(int port) {
		AtomicInteger threads = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "fake-openai-" + port + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * Thrown out of the handler without closing the exchange, which makes the JDK server
	 * close the connection abruptly: no (further) response bytes, no final chunk.
	 */
	private static final class DroppedConnection extends IOException {

		DroppedConnection() {
			super("FakeOpenAiServer dropped the connection on purpose");
		}

	}

	private record Scripted(String description, Function<RecordedRequest, FakeResponse> responder) {
	}

	private record Answer(FakeResponse response, String id, List<FakeResponse.ToolCall> toolCalls, long created) {
	}

	/**
	 * One HTTP request the server received: method, path, headers, raw body and the body
	 * parsed as JSON ({@link MissingNode} when it is not JSON).
	 *
	 * @param index the position in arrival order, from 0
	 * @param method the HTTP method
	 * @param path the path, such as {@value #CHAT_COMPLETIONS_PATH}
	 * @param headers the headers, with case-insensitive names
	 * @param body the raw body
	 * @param json the parsed body
	 */
	public record RecordedRequest(int index, String method, String path, Map<String, List<String>> headers,
			String body, JsonNode json) {

		static RecordedRequest of(int index, HttpExchange exchange, byte[] bytes) {
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			String body = new String(bytes, StandardCharsets.UTF_8);
			JsonNode json;
			try {
				json = (bytes.length == 0) ? MissingNode.getInstance() : JSON.readTree(bytes);
			}
			catch (IOException ex) {
				json = MissingNode.getInstance();
			}
			URI uri = exchange.getRequestURI();
			return new RecordedRequest(index, exchange.getRequestMethod(), uri.getPath(),
					Collections.unmodifiableMap(headers), body, json);
		}

		/**
		 * Return the first value of a header.
		 * @param name the header name, in any case
		 * @return the value, or {@code null} when absent
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

		/**
		 * Return whether the body has {@code "stream":true}.
		 * @return whether a stream was asked for
		 */
		public boolean isStream() {
			return this.json.path("stream").asBoolean(false);
		}

		/**
		 * Return whether the body has {@code "stream_options":{"include_usage":true}}.
		 * @return whether a usage chunk was asked for
		 */
		public boolean includeUsage() {
			return this.json.path("stream_options").path("include_usage").asBoolean(false);
		}

		/**
		 * Return the requested model.
		 * @return the model, or {@code null}
		 */
		public String model() {
			return this.json.path("model").textValue();
		}

		/**
		 * Return the {@code messages} of the body.
		 * @return the messages, empty when absent
		 */
		public List<JsonNode> messages() {
			return StreamSupport.stream(this.json.path("messages").spliterator(), false).toList();
		}

		/**
		 * Return the messages with the given role.
		 * @param role {@code system}, {@code user}, {@code assistant} or {@code tool}
		 * @return the messages, in order
		 */
		public List<JsonNode> messages(String role) {
			return messages().stream().filter((message) -> role.equals(message.path("role").textValue())).toList();
		}

		/**
		 * Return the names of the functions offered in {@code tools}.
		 * @return the tool names, in order
		 */
		public List<String> toolNames() {
			return StreamSupport.stream(this.json.path("tools").spliterator(), false)
				.map((tool) -> tool.path("function").path("name").asText())
				.toList();
		}

		String summary() {
			return this.method + " " + this.path + (isStream() ? ", stream" : "") + ", "
					+ messages().size() + " messages";
		}

	}

}
