package dev.agentmetrics.sample.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.springframework.lang.Nullable;

/**
 * Decides what the simulated model says: a tool call when the user's question fits one of
 * the offered tools, a summary of the tool results once they come back, or a canned
 * answer.
 *
 * @author agent-metrics
 */
class ReplyPlanner {

	private static final Pattern ORDER_NUMBER = Pattern.compile("(?<![\\d.,])#?(\\d{3,10})(?![\\d.,]\\d)");

	private static final Pattern REFUND = Pattern.compile("refund|return|money back|reimburs");

	private static final Pattern SHIPPING = Pattern
		.compile("track|ship|deliver|package|parcel|arriv|where is|where's");

	/** A question that makes the simulated model call the same tool again and again. */
	private static final Pattern KEEP_CHECKING = Pattern.compile("keep checking");

	/** How often the simulated model repeats a tool call for a keep-checking question. */
	static final int LOOP_ROUNDS = 4;

	private static final Pattern ID_LIKE = Pattern.compile("(?i).*(order|id|number).*");

	private static final Pattern CAMEL_CASE_BOUNDARY = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

	private static final List<CannedAnswer> CANNED_ANSWERS = List.of(
			new CannedAnswer("refund|return",
					"You can return any item within 30 days of delivery for a full refund. "
							+ "Tell me your order number and I will check whether yours qualifies."),
			new CannedAnswer("track|ship|deliver|package|parcel",
					"Most orders ship within two working days and arrive within five. "
							+ "Tell me your order number and I will track yours."),
			new CannedAnswer("hour|open|available|reach|contact|phone|email",
					"Our support team is available 24/7 by chat, and by email at support@acme.example; "
							+ "we answer emails within four hours."),
			new CannedAnswer("password|log ?in|sign ?in|account",
					"To reset your password, choose 'Forgot password' on the sign-in page; "
							+ "the reset link arrives by email within a few minutes."),
			new CannedAnswer("pay|card|invoice|charge",
					"We accept cards, PayPal and bank transfer; the invoice is attached to the shipping "
							+ "confirmation email."),
			new CannedAnswer("\\b(hello|hi|hey)\\b",
					"Hello! I am the Acme Shop support assistant. How can I help you today?"));

	private static final String DEFAULT_ANSWER = "Thanks for your question! I can look up orders, track "
			+ "shipments and check refunds. Share your order number and I will take a look.";

	private final ObjectMapper objectMapper;

	ReplyPlanner(ObjectMapper objectMapper) {
		this.objectMapper = objectMapper;
	}

	/**
	 * Plan the reply to a chat completion request.
	 * @param request the request, already checked to have at least one message
	 * @return the reply
	 */
	Reply plan(JsonNode request) {
		JsonNode messages = request.path("messages");
		JsonNode last = messages.get(messages.size() - 1);
		String role = last.path("role").asText();
		if ("tool".equals(role)) {
			Reply again = repeatedToolCall(messages);
			return (again != null) ? again : Reply.text(answerFromToolResults(messages));
		}
		String question = text(last);
		if ("user".equals(role) && toolsAllowed(request)) {
			Reply toolCall = toolCallFor(question, request.path("tools"));
			if (toolCall != null) {
				return toolCall;
			}
		}
		return Reply.text(cannedAnswer(question));
	}

	/**
	 * For a keep-checking question, call the same tool with the same arguments again until
	 * it was called {@value #LOOP_ROUNDS} times: the tool loop agent-metrics detects.
	 */
	@Nullable
	private static Reply repeatedToolCall(JsonNode messages) {
		int toolCalls = 0;
		JsonNode lastToolCall = null;
		for (int i = messages.size() - 1; i >= 0; i--) {
			JsonNode message = messages.get(i);
			String role = message.path("role").asText();
			if ("user".equals(role)) {
				boolean looping = KEEP_CHECKING.matcher(text(message).toLowerCase(Locale.ROOT)).find();
				if (!looping || lastToolCall == null || toolCalls >= LOOP_ROUNDS) {
					return null;
				}
				JsonNode function = lastToolCall.path("function");
				return Reply.toolCall(function.path("name").asText(), function.path("arguments").asText());
			}
			if ("assistant".equals(role) && message.path("tool_calls").size() > 0) {
				toolCalls++;
				if (lastToolCall == null) {
					lastToolCall = message.path("tool_calls").get(0);
				}
			}
		}
		return null;
	}

	private static boolean toolsAllowed(JsonNode request) {
		JsonNode tools = request.path("tools");
		return tools.isArray() && !tools.isEmpty() && !"none".equals(request.path("tool_choice").asText());
	}

	@Nullable
	private Reply toolCallFor(String question, JsonNode tools) {
		String lowerCase = question.toLowerCase(Locale.ROOT);
		Matcher orderNumber = ORDER_NUMBER.matcher(question);
		if (!orderNumber.find()) {
			// Every tool of the sample needs an order number: answer asking for it.
			return null;
		}
		String orderId = orderNumber.group(1);
		JsonNode tool = null;
		if (REFUND.matcher(lowerCase).find()) {
			tool = toolNamed(tools, "refund");
		}
		if (tool == null && SHIPPING.matcher(lowerCase).find()) {
			tool = toolNamed(tools, "ship", "track");
		}
		if (tool == null) {
			tool = toolNamed(tools, "order");
		}
		if (tool == null) {
			return null;
		}
		String name = tool.path("function").path("name").asText();
		return Reply.toolCall(name, arguments(tool.path("function").path("parameters"), orderId));
	}

	@Nullable
	private static JsonNode toolNamed(JsonNode tools, String... fragments) {
		for (JsonNode tool : tools) {
			String name = tool.path("function").path("name").asText().toLowerCase(Locale.ROOT);
			for (String fragment : fragments) {
				if (name.contains(fragment)) {
					return tool;
				}
			}
		}
		return null;
	}

	/**
	 * Fill the parameters that look like an order number, or else the required ones,
	 * with the order number found in the question.
	 */
	private String arguments(JsonNode parameters, String orderId) {
		ObjectNode arguments = this.objectMapper.createObjectNode();
		JsonNode properties = parameters.path("properties");
		for (Map.Entry<String, JsonNode> property : properties.properties()) {
			if (ID_LIKE.matcher(property.getKey()).matches()) {
				put(arguments, property.getKey(), property.getValue(), orderId);
			}
		}
		if (arguments.isEmpty()) {
			for (JsonNode required : parameters.path("required")) {
				put(arguments, required.asText(), properties.path(required.asText()), orderId);
			}
		}
		return arguments.toString();
	}

	private static void put(ObjectNode arguments, String name, JsonNode schema, String orderId) {
		String type = schema.path("type").asText();
		if ("integer".equals(type) || "number".equals(type)) {
			arguments.put(name, Long.parseLong(orderId));
		}
		else {
			arguments.put(name, orderId);
		}
	}

	private String answerFromToolResults(JsonNode messages) {
		int first = messages.size();
		while (first > 0 && "tool".equals(messages.get(first - 1).path("role").asText())) {
			first--;
		}
		Map<String, String> toolNames = new HashMap<>();
		if (first > 0) {
			for (JsonNode toolCall : messages.get(first - 1).path("tool_calls")) {
				toolNames.put(toolCall.path("id").asText(), toolCall.path("function").path("name").asText());
			}
		}
		List<String> findings = new ArrayList<>();
		for (int i = first; i < messages.size(); i++) {
			JsonNode result = messages.get(i);
			String toolName = toolNames.getOrDefault(result.path("tool_call_id").asText(), "the tool");
			findings.add("with " + toolName + ": " + describe(text(result)));
		}
		return "Here is what I found " + String.join("; and ", findings) + ". Is there anything else I can help with?";
	}

	private String describe(String toolResult) {
		JsonNode json;
		try {
			json = this.objectMapper.readTree(toolResult);
		}
		catch (JsonProcessingException ex) {
			json = null;
		}
		if (json == null || !json.isObject()) {
			String plain = toolResult.strip();
			return (plain.length() > 300) ? plain.substring(0, 300) + "..." : plain;
		}
		List<String> facts = new ArrayList<>();
		for (Map.Entry<String, JsonNode> field : json.properties()) {
			if (!field.getValue().isNull()) {
				facts.add(humanize(field.getKey()) + " " + value(field.getValue()));
			}
		}
		return String.join(", ", facts);
	}

	private static String value(JsonNode value) {
		if (value.isArray()) {
			List<String> elements = new ArrayList<>();
			value.forEach((element) -> elements.add(value(element)));
			return String.join(" and ", elements);
		}
		if (value.isBoolean()) {
			return value.booleanValue() ? "yes" : "no";
		}
		return value.isValueNode() ? value.asText() : value.toString();
	}

	private static String humanize(String key) {
		return CAMEL_CASE_BOUNDARY.matcher(key).replaceAll(" ").replace('_', ' ').toLowerCase(Locale.ROOT);
	}

	private static String cannedAnswer(String question) {
		String lowerCase = question.toLowerCase(Locale.ROOT);
		for (CannedAnswer candidate : CANNED_ANSWERS) {
			if (candidate.pattern().matcher(lowerCase).find()) {
				return candidate.answer();
			}
		}
		return DEFAULT_ANSWER;
	}

	/**
	 * Return the text of a message, whose content is either a string or a list of parts.
	 */
	private static String text(JsonNode message) {
		JsonNode content = message.path("content");
		if (content.isTextual()) {
			return content.asText();
		}
		StringBuilder text = new StringBuilder();
		for (JsonNode part : content) {
			if ("text".equals(part.path("type").asText())) {
				text.append(part.path("text").asText());
			}
		}
		return text.toString();
	}

	/**
	 * What the simulated model replies: either a text or a single tool call.
	 *
	 * @param text the text, or {@code null} for a tool call
	 * @param toolName the function to call, or {@code null} for a text
	 * @param toolArguments the arguments of the call, a JSON document, or {@code null}
	 */
	record Reply(@Nullable String text, @Nullable String toolName, @Nullable String toolArguments) {

		static Reply text(String text) {
			return new Reply(text, null, null);
		}

		static Reply toolCall(String name, String arguments) {
			return new Reply(null, name, arguments);
		}

		boolean isToolCall() {
			return this.toolName != null;
		}

	}

	private record CannedAnswer(Pattern pattern, String answer) {

		CannedAnswer(String regex, String answer) {
			this(Pattern.compile(regex), answer);
		}

	}

}
