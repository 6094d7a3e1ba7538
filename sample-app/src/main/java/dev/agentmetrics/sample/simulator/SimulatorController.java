package dev.agentmetrics.sample.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.agentmetrics.sample.simulator.ChatCompletionSimulator.Completion;
import dev.agentmetrics.sample.simulator.ChatCompletionSimulator.Failure;
import dev.agentmetrics.sample.simulator.OpenAiWire.ChatCompletionChunk;
import dev.agentmetrics.sample.simulator.OpenAiWire.ErrorResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * OpenAI's {@code POST /v1/chat/completions}, served under {@code /simulator} on the app's
 * own port, answering with JSON or, for {@code "stream": true}, with server-sent events;
 * plus {@code GET /simulator/ledger}, the totals it has billed.
 *
 * @author agent-metrics
 */
@RestController
@RequestMapping("/simulator")
@ConditionalOnProperty(prefix = "sample.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SimulatorController {

	private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

	private final ChatCompletionSimulator simulator;

	private final SimulatorLedger ledger;

	private final SimulatorProperties properties;

	private final ObjectMapper objectMapper;

	/**
	 * Create the controller.
	 * @param simulator the simulated model
	 * @param ledger the totals billed
	 * @param properties the simulator settings
	 */
	public SimulatorController(ChatCompletionSimulator simulator, SimulatorLedger ledger,
			SimulatorProperties properties) {
		this.simulator = simulator;
		this.ledger = ledger;
		this.properties = properties;
		this.objectMapper = simulator.objectMapper();
	}

	/**
	 * Create a chat completion, as OpenAI does. Every answer, JSON or event stream, is
	 * written from a {@link StreamingResponseBody}, off the request thread, so that
	 * simulated slowness holds no server thread.
	 * @param authorization the {@code Authorization} header; any bearer token is accepted
	 * @param body the request body, read as bytes so that the simulator's own mapper, not
	 * the application's message converters, parses it
	 * @return the completion, the stream of chunks, or an OpenAI-shaped error
	 */
	@PostMapping(path = "/v1/chat/completions", consumes = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<StreamingResponseBody> chatCompletions(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization,
			@RequestBody byte[] body) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return error(HttpStatus.UNAUTHORIZED, new OpenAiWire.Error(
					"You didn't provide an API key. Send any key as 'Authorization: Bearer <key>'. (simulated)",
					"invalid_request_error", null, "invalid_api_key"));
		}
		JsonNode request;
		try {
			request = this.objectMapper.readTree(body);
		}
		catch (JsonProcessingException ex) {
			return invalidRequest("We could not parse the JSON body of your request. (simulated)", null);
		}
		catch (IOException ex) {
			throw new IllegalStateException("An in-memory body cannot fail to read", ex);
		}
		if (request == null || !request.isObject()) {
			return invalidRequest("The body of your request must be a JSON object. (simulated)", null);
		}
		if (!StringUtils.hasText(request.path("model").asText(null))) {
			return invalidRequest("you must provide a model parameter", "model");
		}
		if (!request.path("messages").isArray() || request.path("messages").isEmpty()) {
			return invalidRequest("'messages' must be a non-empty array", "messages");
		}
		ChatCompletionSimulator.Outcome outcome = this.simulator.answer(request);
		if (outcome instanceof Failure failure) {
			return error(failure.status(), failure.error());
		}
		Completion completion = (Completion) outcome;
		if (request.path("stream").asBoolean(false)) {
			return stream(completion, request.path("stream_options").path("include_usage").asBoolean(false));
		}
		return json(HttpStatus.OK, completion.delay(), completion.toChatCompletion());
	}

	/**
	 * Return what the simulator has billed since start-up.
	 * @return the totals
	 */
	@GetMapping("/ledger")
	public SimulatorLedger.Totals ledger() {
		return this.ledger.totals();
	}

	/**
	 * Start or end a simulated provider outage, to watch the circuit breaker open, reject,
	 * half-open and close, or an alert of the ops kit fire:
	 * {@code POST /simulator/outage?mode=server-errors}, {@code timeouts}, {@code slow},
	 * {@code flaky}, {@code cache-misses} or {@code none}.
	 * @param mode the outage
	 * @return the outage now going on
	 */
	@PostMapping("/outage")
	public Map<String, String> outage(@RequestParam("mode") String mode) {
		this.simulator.outage(ChatCompletionSimulator.Outage.valueOf(mode.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
		return outage();
	}

	/**
	 * Return the simulated provider outage going on.
	 * @return the outage, {@code none} when there is none
	 */
	@GetMapping("/outage")
	public Map<String, String> outage() {
		return Map.of("mode", this.simulator.outage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
	}

	private ResponseEntity<StreamingResponseBody> stream(Completion completion, boolean includeUsage) {
		StreamingResponseBody body = (out) -> {
			sleep(completion.delay());
			boolean first = true;
			for (ChatCompletionChunk chunk : completion.toChunks(includeUsage)) {
				if (!first) {
					sleep(this.properties.streamChunkDelay());
				}
				first = false;
				writeEvent(out, chunk);
			}
			out.write(DONE);
			out.flush();
		};
		return ResponseEntity.ok()
			.contentType(MediaType.TEXT_EVENT_STREAM)
			.header(HttpHeaders.CACHE_CONTROL, "no-cache")
			.body(body);
	}

	private ResponseEntity<StreamingResponseBody> json(HttpStatus status, Duration delay, Object document) {
		StreamingResponseBody body = (out) -> {
			sleep(delay);
			out.write(this.objectMapper.writeValueAsBytes(document));
		};
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private ResponseEntity<StreamingResponseBody> invalidRequest(String message, @Nullable String param) {
		return error(HttpStatus.BAD_REQUEST, new OpenAiWire.Error(message, "invalid_request_error", param, null));
	}

	private ResponseEntity<StreamingResponseBody> error(HttpStatus status, OpenAiWire.Error error) {
		return json(status, Duration.ZERO, new ErrorResponse(error));
	}

	private void writeEvent(OutputStream out, ChatCompletionChunk chunk) throws IOException {
		out.write("data: ".getBytes(StandardCharsets.US_ASCII));
		out.write(this.objectMapper.writeValueAsBytes(chunk));
		out.write("\n\n".getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	private static void sleep(Duration delay) throws IOException {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while simulating a delay", ex);
		}
	}

}
