package dev.agentmetrics.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of Ollama's {@code /api/chat} on 127.0.0.1 that answers each request with the next
 * scripted {@link Reply}, as one JSON object or as a newline-delimited JSON stream, and
 * records what it received.
 */
final class FakeOllama extends ScriptedJsonServer<FakeOllama.Reply> {

	private FakeOllama() {
		super("/api/chat");
	}

	static FakeOllama start() {
		return new FakeOllama();
	}

	FakeOllama enqueue(Reply... replies) {
		script(replies);
		return this;
	}

	@Override
	protected void answer(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		if (reply.status != 200) {
			// Ollama answers errors as {"error": "..."}.
			send(exchange, reply.status, json.createObjectNode().put("error", reply.error));
		}
		else if (request.path("stream").asBoolean(true)) {
			stream(exchange, request, reply);
		}
		else {
			ObjectNode answer = done(request, reply, reply.text);
			toolCall(answer, reply);
			send(exchange, 200, answer);
		}
	}

	/** Ollama asks for a tool in the message; a stream does in its last object. */
	private static void toolCall(ObjectNode answer, Reply reply) {
		if (reply.tool != null) {
			ObjectNode function = ((ObjectNode) answer.path("message")).putArray("tool_calls")
				.addObject()
				.put("id", "call_" + reply.tool)
				.putObject("function")
				.put("name", reply.tool);
			function.set("arguments", reply.toolArguments);
		}
	}

	@Override
	protected JsonNode noReply() {
		return json.createObjectNode().put("error", "The test scripted no reply for this request");
	}

	private void stream(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		String text = reply.text;
		int step = Math.max(1, (text.length() + 1) / 2);
		for (int i = 0; i < text.length(); i += step) {
			ObjectNode chunk = envelope(request);
			chunk.putObject("message").put("role", "assistant").put("content", text.substring(i, Math.min(text.length(), i + step)));
			chunk.put("done", false);
			line(out, chunk);
		}
		ObjectNode last = done(request, reply, "");
		toolCall(last, reply);
		line(out, last);
	}

	private static void line(OutputStream out, JsonNode chunk) throws IOException {
		out.write((json.writeValueAsString(chunk) + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** The last (or only) object of an answer: done, with the counts Ollama bills by. */
	private static ObjectNode done(JsonNode request, Reply reply, String content) {
		ObjectNode node = envelope(request);
		node.putObject("message").put("role", "assistant").put("content", content);
		node.put("done_reason", "stop");
		node.put("done", true);
		node.put("total_duration", 1_000_000L);
		node.put("load_duration", 100_000L);
		node.put("prompt_eval_count", reply.promptEvalCount);
		node.put("prompt_eval_duration", 200_000L);
		node.put("eval_count", reply.evalCount);
		node.put("eval_duration", 300_000L);
		return node;
	}

	private static ObjectNode envelope(JsonNode request) {
		ObjectNode node = json.createObjectNode();
		node.put("model", request.path("model").asText());
		node.put("created_at", "2026-11-28T12:00:00.000000Z");
		return node;
	}

	/** One scripted answer. */
	static final class Reply {

		private String text = "";

		private int promptEvalCount;

		private int evalCount;

		private int status = 200;

		private String error;

		private String tool;

		private JsonNode toolArguments;

		static Reply text(String text) {
			Reply reply = new Reply();
			reply.text = text;
			return reply;
		}

		static Reply toolCall(String tool, String argumentsJson) {
			Reply reply = new Reply();
			reply.tool = tool;
			try {
				reply.toolArguments = json.readTree(argumentsJson);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException(ex);
			}
			return reply;
		}

		static Reply error(int status, String error) {
			Reply reply = new Reply();
			reply.status = status;
			reply.error = error;
			return reply;
		}

		Reply usage(int promptEvalCount, int evalCount) {
			this.promptEvalCount = promptEvalCount;
			this.evalCount = evalCount;
			return this;
		}

	}

}
