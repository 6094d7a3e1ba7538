package dev.agentmetrics.sample.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmetrics.sample.simulator.OpenAiWire.ChatCompletion;
import dev.agentmetrics.sample.simulator.OpenAiWire.ChatCompletionChunk;
import dev.agentmetrics.sample.simulator.OpenAiWire.Choice;
import dev.agentmetrics.sample.simulator.OpenAiWire.ChunkChoice;
import dev.agentmetrics.sample.simulator.OpenAiWire.CompletionTokensDetails;
import dev.agentmetrics.sample.simulator.OpenAiWire.Delta;
import dev.agentmetrics.sample.simulator.OpenAiWire.FunctionCall;
import dev.agentmetrics.sample.simulator.OpenAiWire.Message;
import dev.agentmetrics.sample.simulator.OpenAiWire.PromptTokensDetails;
import dev.agentmetrics.sample.simulator.OpenAiWire.ToolCall;
import dev.agentmetrics.sample.simulator.OpenAiWire.Usage;
import dev.agentmetrics.sample.simulator.ReplyPlanner.Reply;

import org.springframework.http.HttpStatus;
import org.springframework.lang.Nullable;

/**
 * The simulated model behind {@link SimulatorController}: injects failures and slowness,
 * plans the reply, bills deterministic usage and records it in the
 * {@link SimulatorLedger}.
 *
 * <p>
 * Usage is a pure function of the request and the reply:
 * <ul>
 * <li>{@code prompt_tokens} = ceil(B / 4), B being the number of UTF-8 bytes of the
 * request's {@code messages} and {@code tools} arrays written as compact JSON;</li>
 * <li>visible completion tokens = ceil(b / 4), b being the number of UTF-8 bytes of the
 * answer's text, or of the called function's name and arguments;</li>
 * <li>{@code reasoning_tokens} = 3 &times; the visible completion tokens for reasoning
 * models, 0 for others, and {@code completion_tokens} = visible + reasoning;</li>
 * <li>{@code cached_tokens} = floor({@code prompt_tokens} &times; cache-share) on a
 * prompt-cache hit, 0 on a miss. A request can hit when the simulator has seen its
 * prefix (model, system messages and tools) before; it then misses anyway with
 * probability cache-miss-rate (always, during a cache-misses outage).</li>
 * </ul>
 *
 * @author agent-metrics
 */
public class ChatCompletionSimulator {

	/** Each visible completion token of a reasoning model costs this many reasoning ones. */
	static final int REASONING_TOKENS_PER_TOKEN = 3;

	private static final int MAX_CACHED_PREFIXES = 10_000;

	private static final Pattern FRAGMENT_BOUNDARY = Pattern.compile("(?<=\\s)");

	private final SimulatorProperties properties;

	private final SimulatorLedger ledger;

	private final ObjectMapper objectMapper;

	private final ReplyPlanner replyPlanner;

	private final Clock clock;

	private final Random random;

	private final Queue<Fault> scriptedFaults = new ConcurrentLinkedQueue<>();

	private volatile Outage outage = Outage.NONE;

	private final Map<String, Boolean> seenPrefixes = Collections
		.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > MAX_CACHED_PREFIXES;
			}

		});

	private final AtomicLong completionIds = new AtomicLong();

	private final AtomicLong toolCallIds = new AtomicLong();

	private final AtomicLong flakyRequests = new AtomicLong();

	/**
	 * Create a simulator.
	 * @param properties the simulator settings
	 * @param ledger where to record what is billed
	 * @param objectMapper the mapper used to read requests and size them
	 * @param clock the clock of the {@code created} timestamps
	 */
	public ChatCompletionSimulator(SimulatorProperties properties, SimulatorLedger ledger, ObjectMapper objectMapper,
			Clock clock) {
		this.properties = properties;
		this.ledger = ledger;
		this.objectMapper = objectMapper;
		this.replyPlanner = new ReplyPlanner(objectMapper);
		this.clock = clock;
		this.random = (properties.seed() != null) ? new Random(properties.seed()) : new Random();
	}

	/**
	 * Return the mapper the simulator reads requests with, for the controller to write
	 * answers with.
	 * @return the simulator's Jackson 2 mapper
	 */
	ObjectMapper objectMapper() {
		return this.objectMapper;
	}

	/**
	 * Make the next requests fail with the given faults, in order, before the configured
	 * rates apply again; for demonstrations and tests.
	 * @param faults the faults to inject
	 */
	public void injectFaults(Fault... faults) {
		this.scriptedFaults.addAll(List.of(faults));
	}

	/**
	 * Start or end a simulated provider outage: until it ends, every request fails, or is
	 * slow, or fails every other time, or misses the prompt cache, depending on the
	 * outage.
	 * @param outage the outage, or {@link Outage#NONE} to end it
	 */
	public void outage(Outage outage) {
		// A flaky outage fails the first request it sees, then every other one.
		this.flakyRequests.set(0);
		this.outage = outage;
	}

	/**
	 * Return the outage going on.
	 * @return the outage, {@link Outage#NONE} when there is none
	 */
	public Outage outage() {
		return this.outage;
	}

	/**
	 * Answer a chat completion request.
	 * @param request the request body, with a model and at least one message
	 * @return the outcome: a failure or a completion
	 */
	Outcome answer(JsonNode request) {
		boolean stream = request.path("stream").asBoolean(false);
		Fault fault = nextFault();
		if (fault != Fault.NONE) {
			return failure(fault, request.path("model").asText(), stream);
		}
		// Draw even in a slow outage, so that a seeded sequence stays the same outside one.
		boolean slow = this.random.nextDouble() < this.properties.slowRate();
		Duration delay = (slow || this.outage == Outage.SLOW) ? this.properties.slowDelay() : Duration.ZERO;
		Reply reply = this.replyPlanner.plan(request);
		String requestedModel = request.path("model").asText();
		Usage usage = usage(request, reply, requestedModel);
		String responseModel = this.properties.responseModel(requestedModel);
		this.ledger.billed(responseModel, usage, stream, !delay.isZero());
		return new Completion(String.format("chatcmpl-sim%020d", this.completionIds.incrementAndGet()),
				this.clock.instant().getEpochSecond(), responseModel, reply,
				reply.isToolCall() ? String.format("call_sim%016d", this.toolCallIds.incrementAndGet()) : null,
				usage, delay);
	}

	private Fault nextFault() {
		Outage current = this.outage;
		if (current == Outage.SERVER_ERRORS) {
			return Fault.SERVER_ERROR;
		}
		if (current == Outage.TIMEOUTS) {
			return Fault.TIMEOUT;
		}
		if (current == Outage.FLAKY && this.flakyRequests.getAndIncrement() % 2 == 0) {
			return Fault.SERVER_ERROR;
		}
		Fault scripted = this.scriptedFaults.poll();
		if (scripted != null) {
			return scripted;
		}
		double draw = this.random.nextDouble();
		if (draw < this.properties.rateLimitRate()) {
			return Fault.RATE_LIMIT;
		}
		if (draw < this.properties.rateLimitRate() + this.properties.serverErrorRate()) {
			return Fault.SERVER_ERROR;
		}
		return Fault.NONE;
	}

	private Failure failure(Fault fault, String model, boolean stream) {
		if (fault == Fault.RATE_LIMIT) {
			this.ledger.rateLimited(stream);
			return new Failure(HttpStatus.TOO_MANY_REQUESTS,
					new OpenAiWire.Error("Rate limit reached for " + model + " in organization org-simulator on "
							+ "requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. "
							+ "(simulated)", "requests", null, "rate_limit_exceeded"));
		}
		if (fault == Fault.TIMEOUT) {
			this.ledger.serverError(stream);
			// A gateway that gave up waiting for the model, as providers' edges do.
			sleep(this.properties.outageTimeout());
			return new Failure(HttpStatus.GATEWAY_TIMEOUT, new OpenAiWire.Error(
					"The model did not answer in time. (simulated outage)", "server_error", null, "timeout"));
		}
		this.ledger.serverError(stream);
		return new Failure(HttpStatus.INTERNAL_SERVER_ERROR,
				new OpenAiWire.Error("The server had an error while processing your request. Sorry about that! "
						+ "(simulated)", "server_error", null, "server_error"));
	}

	private Usage usage(JsonNode request, Reply reply, String requestedModel) {
		int promptTokens = tokens(jsonBytes(request.path("messages")) + jsonBytes(request.path("tools")));
		int visible = reply.isToolCall() ? tokens(utf8Bytes(reply.toolName()) + utf8Bytes(reply.toolArguments()))
				: tokens(utf8Bytes(reply.text()));
		int reasoning = this.properties.isReasoningModel(requestedModel) ? REASONING_TOKENS_PER_TOKEN * visible : 0;
		int completionTokens = visible + reasoning;
		int cached = promptCacheHit(request, requestedModel) ? (int) (promptTokens * this.properties.cacheShare()) : 0;
		return new Usage(promptTokens, completionTokens, promptTokens + completionTokens,
				new PromptTokensDetails(cached), new CompletionTokensDetails(reasoning));
	}

	/**
	 * A request can hit the cache when its prefix (model, system messages and tools) was
	 * seen before; even then it misses with probability {@code cache-miss-rate}.
	 */
	private boolean promptCacheHit(JsonNode request, String requestedModel) {
		StringBuilder prefix = new StringBuilder();
		for (JsonNode message : request.path("messages")) {
			String role = message.path("role").asText();
			if ("system".equals(role) || "developer".equals(role)) {
				prefix.append(message.path("content"));
			}
		}
		JsonNode tools = request.path("tools");
		if (prefix.isEmpty() && (tools.isMissingNode() || tools.isEmpty())) {
			return false;
		}
		prefix.append(tools).append(requestedModel);
		boolean seen = this.seenPrefixes.put(prefix.toString(), Boolean.TRUE) != null;
		if (this.outage == Outage.CACHE_MISSES) {
			return false;
		}
		return seen && this.random.nextDouble() >= this.properties.cacheMissRate();
	}

	/**
	 * Estimate tokens from a size in bytes, at about four bytes a token.
	 * @param bytes the size
	 * @return the tokens, at least 1
	 */
	static int tokens(int bytes) {
		return Math.max(1, (bytes + 3) / 4);
	}

	private int jsonBytes(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return 0;
		}
		try {
			return this.objectMapper.writeValueAsBytes(node).length;
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("A parsed request can always be written back", ex);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int utf8Bytes(@Nullable String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8).length : 0;
	}

	/**
	 * A failure injected into a request.
	 */
	public enum Fault {

		/** No failure. */
		NONE,

		/** {@code 429 Too Many Requests}. */
		RATE_LIMIT,

		/** {@code 500 Internal Server Error}. */
		SERVER_ERROR,

		/** {@code 504 Gateway Timeout} after {@code sample.simulator.outage-timeout}. */
		TIMEOUT

	}

	/**
	 * A simulated provider outage.
	 */
	public enum Outage {

		/** No outage. */
		NONE,

		/** Every request fails with {@code 500 Internal Server Error}. */
		SERVER_ERRORS,

		/** Every request fails with {@code 504 Gateway Timeout}, slowly. */
		TIMEOUTS,

		/** Every completion is answered only after {@code slow-delay}. */
		SLOW,

		/**
		 * Every other request fails with {@code 500 Internal Server Error}, starting with the
		 * first: the client's retry of each failed request succeeds (when calls do not
		 * overlap), so calls succeed, one retry each (Spring AI 1.1 retries blocking calls
		 * only, so its streams fail).
		 */
		FLAKY,

		/**
		 * Every request misses the prompt cache, as when the system prompt or the tool list
		 * changes from call to call; requests are answered normally otherwise.
		 */
		CACHE_MISSES

	}

	/**
	 * What the simulator answers a request with.
	 */
	sealed interface Outcome permits Failure, Completion {

	}

	/**
	 * A request that failed.
	 *
	 * @param status the HTTP status
	 * @param error the error to write in the body
	 */
	record Failure(HttpStatus status, OpenAiWire.Error error) implements Outcome {

	}

	/**
	 * A request answered with a completion.
	 *
	 * @param id the completion id
	 * @param created the creation time, in epoch seconds
	 * @param model the model named in the response
	 * @param reply the text or tool call
	 * @param toolCallId the id of the tool call, or {@code null}
	 * @param usage the usage billed
	 * @param delay how long to wait before answering
	 */
	record Completion(String id, long created, String model, Reply reply, @Nullable String toolCallId,
			Usage usage, Duration delay) implements Outcome {

		/**
		 * Return the completion as a non-streamed response.
		 * @return the response body
		 */
		ChatCompletion toChatCompletion() {
			Message message = this.reply.isToolCall()
					? new Message("assistant", null,
							List.of(new ToolCall(null, this.toolCallId, "function",
									new FunctionCall(this.reply.toolName(), this.reply.toolArguments()))))
					: new Message("assistant", this.reply.text(), null);
			return new ChatCompletion(this.id, "chat.completion", this.created, this.model,
					List.of(new Choice(0, message, finishReason())), this.usage);
		}

		/**
		 * Return the completion as the chunks of a streamed response: the role, the
		 * content or tool call in fragments, the finish reason, then the usage if asked.
		 * @param includeUsage whether the request asked for the closing usage chunk
		 * @return the chunks, in order
		 */
		List<ChatCompletionChunk> toChunks(boolean includeUsage) {
			List<ChatCompletionChunk> chunks = new ArrayList<>();
			if (this.reply.isToolCall()) {
				chunks.add(chunk(new Delta("assistant", null, List.of(new ToolCall(0, this.toolCallId, "function",
						new FunctionCall(this.reply.toolName(), ""))))));
				chunks.add(chunk(new Delta(null, null,
						List.of(new ToolCall(0, null, null, new FunctionCall(null, this.reply.toolArguments()))))));
			}
			else {
				chunks.add(chunk(new Delta("assistant", "", null)));
				for (String fragment : FRAGMENT_BOUNDARY.split(this.reply.text())) {
					chunks.add(chunk(new Delta(null, fragment, null)));
				}
			}
			chunks.add(new ChatCompletionChunk(this.id, "chat.completion.chunk", this.created, this.model,
					List.of(new ChunkChoice(0, Delta.EMPTY, finishReason())), null));
			if (includeUsage) {
				chunks.add(new ChatCompletionChunk(this.id, "chat.completion.chunk", this.created, this.model,
						List.of(), this.usage));
			}
			return chunks;
		}

		private ChatCompletionChunk chunk(Delta delta) {
			return new ChatCompletionChunk(this.id, "chat.completion.chunk", this.created, this.model,
					List.of(new ChunkChoice(0, delta, null)), null);
		}

		private String finishReason() {
			return this.reply.isToolCall() ? "tool_calls" : "stop";
		}

	}

}
