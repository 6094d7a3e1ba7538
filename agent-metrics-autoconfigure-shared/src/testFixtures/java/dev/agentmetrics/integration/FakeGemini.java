package dev.agentmetrics.integration;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

/**
 * Fake of Gemini's {@code generateContent} API (the Gemini Developer API, {@code v1beta}) on
 * 127.0.0.1 that answers each request with the next scripted {@link Reply}: as one JSON
 * {@code GenerateContentResponse} to {@code models/{model}:generateContent}, or as a
 * server-sent-event stream of them to {@code models/{model}:streamGenerateContent?alt=sse},
 * each event a single {@code data:} line and a blank line, each chunk with the usage so far
 * and the {@code modelVersion}, as Gemini streams. It records what it received.
 */
final class FakeGemini extends ScriptedJsonServer<FakeGemini.Reply> {

	private static final Pattern METHOD = Pattern.compile("/v1beta/models/([^/:]+):(generateContent|streamGenerateContent)");

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private FakeGemini() {
		super("/v1beta/models/");
	}

	static FakeGemini start() {
		return new FakeGemini();
	}

	FakeGemini enqueue(Reply... replies) {
		script(replies);
		return this;
	}

	/** The model and method of each request that found a scripted reply, in order. */
	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	@Override
	void reset() {
		super.reset();
		this.calls.clear();
	}

	@Override
	protected void answer(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
		Matcher method = METHOD.matcher(exchange.getRequestURI().getPath());
		if (!method.matches()) {
			send(exchange, 404, error(404, "NOT_FOUND", "No such method: " + exchange.getRequestURI()));
			return;
		}
		boolean stream = method.group(2).equals("streamGenerateContent");
		this.calls.add(new Call(method.group(1), stream, exchange.getRequestURI().getQuery()));
		if (reply.status != 200) {
			send(exchange, reply.status, error(reply.status, reply.errorStatus, reply.errorMessage));
		}
		else if (stream) {
			stream(exchange, reply);
		}
		else {
			send(exchange, 200, response(reply, reply.parts(), reply.usage, "STOP"));
		}
	}

	@Override
	protected JsonNode noReply() {
		return error(500, "INTERNAL", "The test scripted no reply for this request");
	}

	private void stream(HttpExchange exchange, Reply reply) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
		exchange.sendResponseHeaders(200, 0);
		OutputStream out = exchange.getResponseBody();
		if (reply.functionCalls.isEmpty()) {
			// A few pieces, as a model streams tokens; each chunk carries the usage so far:
			// the whole prompt and thoughts, the candidates generated up to it.
			List<String> pieces = pieces(reply.text);
			for (int i = 0; i < pieces.size(); i++) {
				boolean last = i == pieces.size() - 1;
				UsageMetadata usage = last ? reply.usage : reply.usage.candidatesSoFar(i + 1, pieces.size());
				ArrayNode parts = json.createArrayNode();
				parts.addObject().put("text", pieces.get(i));
				event(out, response(reply, parts, usage, last ? "STOP" : null));
			}
		}
		else {
			// Gemini streams a function call whole, in one chunk.
			event(out, response(reply, reply.parts(), reply.usage, "STOP"));
		}
	}

	private static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		int step = Math.max(1, (text.length() + 2) / 3);
		for (int i = 0; i < text.length(); i += step) {
			pieces.add(text.substring(i, Math.min(text.length(), i + step)));
		}
		return pieces.isEmpty() ? List.of("") : pieces;
	}

	private static void event(OutputStream out, JsonNode chunk) throws IOException {
		// One line of JSON per event: the SDK of Spring AI 1.1 reads the stream line by line.
		out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	private static ObjectNode response(Reply reply, ArrayNode parts, UsageMetadata usage, String finishReason) {
		ObjectNode response = json.createObjectNode();
		ObjectNode candidate = response.putArray("candidates").addObject();
		ObjectNode content = candidate.putObject("content");
		content.set("parts", parts);
		content.put("role", "model");
		if (finishReason != null) {
			candidate.put("finishReason", finishReason);
		}
		candidate.put("index", 0);
		if (reply.reportsUsage) {
			response.set("usageMetadata", usage.toJson());
		}
		// Spring AI reads the model of every response and chunk, and fails without one.
		response.put("modelVersion", reply.modelVersion);
		response.put("responseId", "resp-" + reply.id);
		return response;
	}

	private static ObjectNode error(int code, String status, String message) {
		ObjectNode body = json.createObjectNode();
		body.putObject("error").put("code", code).put("message", message).put("status", status);
		return body;
	}

	/**
	 * A request the fake answered with a scripted reply.
	 *
	 * @param model the model of the request's path
	 * @param stream whether it asked for {@code streamGenerateContent}
	 * @param query the query of its URL, such as {@code alt=sse}
	 */
	record Call(String model, boolean stream, String query) {
	}

	/**
	 * Gemini's {@code usageMetadata}: {@code promptTokenCount} includes
	 * {@code cachedContentTokenCount}; {@code totalTokenCount} adds the tool-use prompt and
	 * the thoughts to the prompt and candidates.
	 *
	 * @param promptTokenCount the prompt tokens, cached content included
	 * @param candidatesTokenCount the tokens of the answer, thoughts excluded
	 * @param cachedContentTokenCount the prompt tokens read from cached content
	 * @param thoughtsTokenCount the tokens of the model's thinking
	 * @param toolUsePromptTokenCount the prompt tokens of the model's own tool use
	 */
	record UsageMetadata(int promptTokenCount, int candidatesTokenCount, int cachedContentTokenCount,
			int thoughtsTokenCount, int toolUsePromptTokenCount) {

		int totalTokenCount() {
			return this.promptTokenCount + this.toolUsePromptTokenCount + this.candidatesTokenCount
					+ this.thoughtsTokenCount;
		}

		/** The usage of a chunk {@code chunk} of {@code chunks} into the answer. */
		UsageMetadata candidatesSoFar(int chunk, int chunks) {
			return new UsageMetadata(this.promptTokenCount, this.candidatesTokenCount * chunk / chunks,
					this.cachedContentTokenCount, this.thoughtsTokenCount, this.toolUsePromptTokenCount);
		}

		ObjectNode toJson() {
			ObjectNode node = json.createObjectNode();
			node.put("promptTokenCount", this.promptTokenCount);
			node.put("candidatesTokenCount", this.candidatesTokenCount);
			// Gemini leaves out the counts a response has none of.
			if (this.cachedContentTokenCount != 0) {
				node.put("cachedContentTokenCount", this.cachedContentTokenCount);
			}
			if (this.thoughtsTokenCount != 0) {
				node.put("thoughtsTokenCount", this.thoughtsTokenCount);
			}
			if (this.toolUsePromptTokenCount != 0) {
				node.put("toolUsePromptTokenCount", this.toolUsePromptTokenCount);
			}
			node.put("totalTokenCount", totalTokenCount());
			return node;
		}

	}

	/** A function call a scripted reply asks for. */
	record FunctionCall(String name, JsonNode args) {
	}

	/** One scripted answer. */
	static final class Reply {

		private static final AtomicInteger counter = new AtomicInteger();

		private final int id = counter.incrementAndGet();

		private String text = "";

		private final List<FunctionCall> functionCalls = new ArrayList<>();

		private String modelVersion = "gemini-2.5-flash";

		private boolean reportsUsage = true;

		private UsageMetadata usage = new UsageMetadata(0, 0, 0, 0, 0);

		private int status = 200;

		private String errorStatus;

		private String errorMessage;

		static Reply text(String text) {
			Reply reply = new Reply();
			reply.text = text;
			return reply;
		}

		static Reply functionCall(String name, String args) {
			Reply reply = new Reply();
			try {
				reply.functionCalls.add(new FunctionCall(name, json.readTree(args)));
			}
			catch (JsonProcessingException ex) {
				throw new UncheckedIOException(ex);
			}
			return reply;
		}

		/**
		 * An error answer, with Google's error JSON.
		 * @param code the HTTP status, also the error's code
		 * @param status Google's status name, such as {@code RESOURCE_EXHAUSTED}
		 * @param message the error's message
		 * @return the reply
		 */
		static Reply error(int code, String status, String message) {
			Reply reply = new Reply();
			reply.status = code;
			reply.errorStatus = status;
			reply.errorMessage = message;
			return reply;
		}

		/** Name the model that answered, Gemini's {@code modelVersion}. */
		Reply model(String modelVersion) {
			this.modelVersion = modelVersion;
			return this;
		}

		Reply usage(int promptTokenCount, int candidatesTokenCount) {
			this.usage = new UsageMetadata(promptTokenCount, candidatesTokenCount, this.usage.cachedContentTokenCount(),
					this.usage.thoughtsTokenCount(), this.usage.toolUsePromptTokenCount());
			return this;
		}

		/** Read the given part of the prompt tokens from cached content. */
		Reply cached(int cachedContentTokenCount) {
			this.usage = new UsageMetadata(this.usage.promptTokenCount(), this.usage.candidatesTokenCount(),
					cachedContentTokenCount, this.usage.thoughtsTokenCount(), this.usage.toolUsePromptTokenCount());
			return this;
		}

		Reply thoughts(int thoughtsTokenCount) {
			this.usage = new UsageMetadata(this.usage.promptTokenCount(), this.usage.candidatesTokenCount(),
					this.usage.cachedContentTokenCount(), thoughtsTokenCount, this.usage.toolUsePromptTokenCount());
			return this;
		}

		Reply toolUsePrompt(int toolUsePromptTokenCount) {
			this.usage = new UsageMetadata(this.usage.promptTokenCount(), this.usage.candidatesTokenCount(),
					this.usage.cachedContentTokenCount(), this.usage.thoughtsTokenCount(), toolUsePromptTokenCount);
			return this;
		}

		Reply noUsage() {
			this.reportsUsage = false;
			return this;
		}

		/** The usage this reply reports, on its last chunk when streamed. */
		UsageMetadata usageMetadata() {
			return this.usage;
		}

		ArrayNode parts() {
			ArrayNode parts = json.createArrayNode();
			if (this.functionCalls.isEmpty()) {
				parts.addObject().put("text", this.text);
			}
			for (FunctionCall call : this.functionCalls) {
				parts.addObject().putObject("functionCall").put("name", call.name()).set("args", call.args());
			}
			return parts;
		}

	}

}
