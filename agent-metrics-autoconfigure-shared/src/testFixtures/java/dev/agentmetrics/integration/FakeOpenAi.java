package dev.agentmetrics.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of OpenAI's chat-completions API on 127.0.0.1 that answers each request with the
 * next scripted {@link Reply}, as JSON or as a server-sent-event stream, and records what
 * it received.
 */
final class FakeOpenAi extends ScriptedJsonServer<FakeOpenAi.Reply> {

	private final AtomicInteger ids = new AtomicInteger();

	private FakeOpenAi() {
		super("/v1/chat/completions");
	}

	static FakeOpenAi start() {
		return new FakeOpenAi();
	}

	FakeOpenAi enqueue(Reply... replies) {
		script(replies);
		return this;
	}

	@Override
	protected void answer(HttpExchange exchange, JsonNode request, Reply reply)
			throws IOException, InterruptedException {
		if (reply.delay != null) {
			Thread.sleep(reply.delay.toMillis());
		}
		if (reply.status != 200) {
			send(exchange, reply.status, error(reply.errorCode, reply.errorMessage));
		}
		else if (request.path("stream").asBoolean(false)) {
			stream(exchange, reply, request.path("stream_options").path("include_usage").asBoolean(false));
		}
		else {
			send(exchange, 200, completion(reply));
		}
	}

	@Override
	protected JsonNode noReply() {
		return error("no_reply_scripted", "The test scripted no reply for this request");
	}

	private ObjectNode completion(Reply reply) {
		ObjectNode completion = envelope(reply, "chat.completion");
		ObjectNode choice = completion.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		if (reply.toolCalls.isEmpty()) {
			message.put("content", reply.text);
		}
		else {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			for (ToolCall call : reply.toolCalls) {
				ObjectNode node = calls.addObject();
				node.put("id", call.id).put("type", "function");
				node.putObject("function").put("name", call.name).put("arguments", call.arguments);
			}
		}
		choice.put("finish_reason", reply.finishReason());
		if (reply.usage) {
			completion.set("usage", usage(reply));
		}
		return completion;
	}

	private void stream(HttpExchange exchange, Reply reply, boolean includeUsage) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		List<ObjectNode> deltas = new ArrayList<>();
		deltas.add(json.createObjectNode().put("role", "assistant").put("content", ""));
		if (reply.toolCalls.isEmpty()) {
			// A few pieces, as a model streams tokens.
			String text = reply.text;
			int step = Math.max(1, (text.length() + 2) / 3);
			for (int i = 0; i < text.length(); i += step) {
				deltas.add(json.createObjectNode().put("content", text.substring(i, Math.min(text.length(), i + step))));
			}
		}
		else {
			ObjectNode delta = json.createObjectNode();
			ArrayNode calls = delta.putArray("tool_calls");
			for (int i = 0; i < reply.toolCalls.size(); i++) {
				ToolCall call = reply.toolCalls.get(i);
				ObjectNode node = calls.addObject().put("index", i).put("id", call.id).put("type", "function");
				node.putObject("function").put("name", call.name).put("arguments", call.arguments);
			}
			deltas.add(delta);
		}
		for (ObjectNode delta : deltas) {
			ObjectNode chunk = envelope(reply, "chat.completion.chunk");
			chunk.putArray("choices").addObject().put("index", 0).set("delta", delta);
			chunk.putNull("usage");
			event(out, chunk);
			if (!reply.chunkDelay.isZero()) {
				out.flush();
				pause(reply.chunkDelay);
			}
		}
		ObjectNode finish = envelope(reply, "chat.completion.chunk");
		ObjectNode finishChoice = finish.putArray("choices").addObject().put("index", 0);
		finishChoice.putObject("delta");
		finishChoice.put("finish_reason", reply.finishReason());
		finish.putNull("usage");
		event(out, finish);
		if (includeUsage && reply.usage) {
			ObjectNode usage = envelope(reply, "chat.completion.chunk");
			usage.putArray("choices");
			usage.set("usage", usage(reply));
			event(out, usage);
		}
		out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static void pause(Duration duration) throws IOException {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	private static void event(OutputStream out, JsonNode chunk) throws IOException {
		out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private ObjectNode envelope(Reply reply, String object) {
		ObjectNode node = json.createObjectNode();
		node.put("id", "chatcmpl-" + reply.id);
		node.put("object", object);
		node.put("created", 1_700_000_000L);
		node.put("model", reply.model);
		return node;
	}

	private static ObjectNode usage(Reply reply) {
		ObjectNode usage = json.createObjectNode();
		usage.put("prompt_tokens", reply.promptTokens);
		usage.put("completion_tokens", reply.completionTokens);
		usage.put("total_tokens", reply.promptTokens + reply.completionTokens);
		usage.putObject("prompt_tokens_details").put("cached_tokens", reply.cachedTokens).put("audio_tokens", 0);
		usage.putObject("completion_tokens_details").put("reasoning_tokens", reply.reasoningTokens);
		return usage;
	}

	private static ObjectNode error(String code, String message) {
		ObjectNode body = json.createObjectNode();
		body.putObject("error").put("message", message).put("type", "invalid_request_error").put("code", code);
		return body;
	}

	/** A tool call a scripted reply asks for. */
	record ToolCall(String id, String name, String arguments) {
	}

	/** One scripted answer. */
	static final class Reply {

		private static final AtomicInteger counter = new AtomicInteger();

		private final int id = counter.incrementAndGet();

		private String text = "";

		private final List<ToolCall> toolCalls = new ArrayList<>();

		private String model = "gpt-4o-mini-2024-07-18";

		private boolean usage = true;

		private int promptTokens;

		private int completionTokens;

		private int cachedTokens;

		private int reasoningTokens;

		private int status = 200;

		private String errorCode;

		private String errorMessage;

		private Duration delay;

		private Duration chunkDelay = Duration.ZERO;

		static Reply text(String text) {
			Reply reply = new Reply();
			reply.text = text;
			return reply;
		}

		static Reply toolCall(String name, String arguments) {
			Reply reply = new Reply();
			reply.toolCalls.add(new ToolCall("call_" + reply.id, name, arguments));
			return reply;
		}

		static Reply error(int status, String code, String message) {
			Reply reply = new Reply();
			reply.status = status;
			reply.errorCode = code;
			reply.errorMessage = message;
			return reply;
		}

		Reply model(String model) {
			this.model = model;
			return this;
		}

		Reply usage(int promptTokens, int completionTokens) {
			this.promptTokens = promptTokens;
			this.completionTokens = completionTokens;
			return this;
		}

		Reply cached(int cachedTokens) {
			this.cachedTokens = cachedTokens;
			return this;
		}

		Reply reasoning(int reasoningTokens) {
			this.reasoningTokens = reasoningTokens;
			return this;
		}

		Reply noUsage() {
			this.usage = false;
			return this;
		}

		Reply delay(Duration delay) {
			this.delay = delay;
			return this;
		}

		/** Pause after each streamed chunk, so that a client can stop reading half-way. */
		Reply chunkDelay(Duration chunkDelay) {
			this.chunkDelay = chunkDelay;
			return this;
		}

		String finishReason() {
			return this.toolCalls.isEmpty() ? "stop" : "tool_calls";
		}

	}

}
