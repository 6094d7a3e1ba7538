package dev.agentmetrics.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of Anthropic's Messages API ({@code POST /v1/messages}) on 127.0.0.1 that answers
 * each request with the next scripted {@link Reply}, as one message or as the server-sent
 * events of a stream ({@code message_start}, content blocks, {@code message_delta},
 * {@code message_stop}), with Anthropic's usage: {@code input_tokens} without the cached
 * tokens, which {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}
 * (split by {@code cache_creation}) count.
 */
final class FakeAnthropic extends ScriptedJsonServer<FakeAnthropic.Reply> {

	private FakeAnthropic() {
		super("/v1/messages");
	}

	static FakeAnthropic start() {
		return new FakeAnthropic();
	}

	FakeAnthropic enqueue(Reply... replies) {
		script(replies);
		return this;
	}

	@Override
	protected void answer(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		if (reply.status != 200) {
			ObjectNode body = json.createObjectNode().put("type", "error");
			body.putObject("error").put("type", reply.errorType).put("message", reply.errorMessage);
			if (reply.retryable) {
				// Anthropic's hint, which the SDK honours: retry after a millisecond.
				exchange.getResponseHeaders().set("retry-after-ms", "1");
			}
			else {
				// The SDK retries 429 and 5xx itself unless told not to.
				exchange.getResponseHeaders().set("x-should-retry", "false");
			}
			send(exchange, reply.status, body);
		}
		else if (request.path("stream").asBoolean(false)) {
			stream(exchange, reply);
		}
		else {
			send(exchange, 200, message(reply));
		}
	}

	@Override
	protected JsonNode noReply() {
		ObjectNode body = json.createObjectNode().put("type", "error");
		body.putObject("error").put("type", "api_error").put("message", "The test scripted no reply for this request");
		return body;
	}

	private static ObjectNode message(Reply reply) {
		ObjectNode message = json.createObjectNode();
		message.put("id", "msg_" + reply.id);
		message.put("type", "message");
		message.put("role", "assistant");
		message.put("model", reply.model);
		if (reply.tool != null) {
			ObjectNode toolUse = message.putArray("content").addObject();
			toolUse.put("type", "tool_use").put("id", "toolu_" + reply.id).put("name", reply.tool);
			toolUse.set("input", readTree(reply.toolInput));
			message.put("stop_reason", "tool_use");
		}
		else {
			message.putArray("content").addObject().put("type", "text").put("text", reply.text);
			message.put("stop_reason", reply.stopReason);
		}
		message.putNull("stop_sequence");
		message.set("usage", usage(reply, reply.outputTokens));
		return message;
	}

	private static ObjectNode usage(Reply reply, int outputTokens) {
		ObjectNode usage = json.createObjectNode();
		usage.put("input_tokens", reply.inputTokens);
		usage.put("cache_creation_input_tokens", reply.cacheWrite5m + reply.cacheWrite1h);
		usage.put("cache_read_input_tokens", reply.cacheRead);
		usage.putObject("cache_creation")
			.put("ephemeral_5m_input_tokens", reply.cacheWrite5m)
			.put("ephemeral_1h_input_tokens", reply.cacheWrite1h);
		usage.put("output_tokens", outputTokens);
		return usage;
	}

	private void stream(HttpExchange exchange, Reply reply) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		ObjectNode start = message(reply);
		start.putArray("content");
		start.putNull("stop_reason");
		// Anthropic reports the input usage first, with one output token so far.
		start.set("usage", usage(reply, 1));
		event(out, "message_start", json.createObjectNode().put("type", "message_start").set("message", start));
		ObjectNode block = json.createObjectNode().put("type", "content_block_start").put("index", 0);
		if (reply.tool != null) {
			block.putObject("content_block")
				.put("type", "tool_use")
				.put("id", "toolu_" + reply.id)
				.put("name", reply.tool)
				.putObject("input");
			event(out, "content_block_start", block);
			ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
			delta.putObject("delta").put("type", "input_json_delta").put("partial_json", reply.toolInput);
			event(out, "content_block_delta", delta);
		}
		else {
			block.putObject("content_block").put("type", "text").put("text", "");
			event(out, "content_block_start", block);
			String text = reply.text;
			int step = Math.max(1, (text.length() + 1) / 2);
			for (int i = 0; i < text.length(); i += step) {
				ObjectNode delta = json.createObjectNode().put("type", "content_block_delta").put("index", 0);
				delta.putObject("delta")
					.put("type", "text_delta")
					.put("text", text.substring(i, Math.min(text.length(), i + step)));
				event(out, "content_block_delta", delta);
			}
		}
		event(out, "content_block_stop", json.createObjectNode().put("type", "content_block_stop").put("index", 0));
		ObjectNode messageDelta = json.createObjectNode().put("type", "message_delta");
		messageDelta.putObject("delta")
			.put("stop_reason", (reply.tool != null) ? "tool_use" : reply.stopReason)
			.putNull("stop_sequence");
		// The last usage of a stream repeats the input usage with the final output tokens.
		ObjectNode finalUsage = usage(reply, reply.outputTokens);
		finalUsage.remove("cache_creation");
		messageDelta.set("usage", finalUsage);
		event(out, "message_delta", messageDelta);
		event(out, "message_stop", json.createObjectNode().put("type", "message_stop"));
	}

	private static void event(OutputStream out, String name, JsonNode data) throws IOException {
		out.write(("event: " + name + "\ndata: " + json.writeValueAsString(data) + "\n\n")
			.getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static JsonNode readTree(String text) {
		try {
			return json.readTree(text);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

	/** One scripted answer. */
	static final class Reply {

		private static final AtomicInteger counter = new AtomicInteger();

		private final int id = counter.incrementAndGet();

		private String text = "";

		private String tool;

		private String toolInput;

		private String stopReason = "end_turn";

		private String model = "claude-sonnet-4-5-20250929";

		private int inputTokens;

		private int outputTokens;

		private int cacheRead;

		private int cacheWrite5m;

		private int cacheWrite1h;

		private int status = 200;

		private String errorType;

		private String errorMessage;

		private boolean retryable;

		static Reply text(String text) {
			Reply reply = new Reply();
			reply.text = text;
			return reply;
		}

		static Reply toolUse(String tool, String input) {
			Reply reply = new Reply();
			reply.tool = tool;
			reply.toolInput = input;
			return reply;
		}

		/** Claude declining to answer: a successful response whose stop reason says so. */
		static Reply refusal() {
			Reply reply = text("");
			reply.stopReason = "refusal";
			return reply;
		}

		static Reply error(int status, String type, String message) {
			Reply reply = new Reply();
			reply.status = status;
			reply.errorType = type;
			reply.errorMessage = message;
			return reply;
		}

		/** Let a client that retries by itself retry this error at once. */
		Reply retryable() {
			this.retryable = true;
			return this;
		}

		/** Anthropic's {@code input_tokens}, which leave out cache reads and writes. */
		Reply usage(int inputTokens, int outputTokens) {
			this.inputTokens = inputTokens;
			this.outputTokens = outputTokens;
			return this;
		}

		Reply cacheRead(int tokens) {
			this.cacheRead = tokens;
			return this;
		}

		Reply cacheWrite(int fiveMinutes, int oneHour) {
			this.cacheWrite5m = fiveMinutes;
			this.cacheWrite1h = oneHour;
			return this;
		}

		Reply model(String model) {
			this.model = model;
			return this;
		}

	}

}
