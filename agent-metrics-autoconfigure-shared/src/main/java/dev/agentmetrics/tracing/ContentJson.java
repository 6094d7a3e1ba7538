package dev.agentmetrics.tracing;

import java.util.List;

import dev.agentmetrics.pricing.ModelPrice.CostBreakdown;

import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.lang.Nullable;

/**
 * Writes the JSON values of span attributes; the two Spring lines use different Jackson
 * majors, and these few shapes need none.
 *
 * @author agent-metrics
 */
final class ContentJson {

	private ContentJson() {
	}

	/**
	 * Return a cost by kind of token in the shape Langfuse reads as {@code cost_details}.
	 * @param cost the cost
	 * @return the JSON object
	 */
	static String costDetails(CostBreakdown cost) {
		return "{\"input\":" + cost.input() + ",\"output\":" + cost.output() + ",\"cache_read\":" + cost.cacheRead()
				+ ",\"cache_write\":" + cost.cacheWrite() + ",\"total\":" + cost.total() + "}";
	}

	/**
	 * Return the messages of a prompt as a JSON array of roles and texts.
	 * @param messages the messages
	 * @return the JSON array
	 */
	static String messages(List<Message> messages) {
		StringBuilder json = new StringBuilder("[");
		for (Message message : messages) {
			if (json.length() > 1) {
				json.append(',');
			}
			message(json, message.getMessageType().getValue(), message.getText(), null);
		}
		return json.append(']').toString();
	}

	/**
	 * Return the answers of a response as a JSON array of roles, texts and finish reasons.
	 * @param response the response
	 * @return the JSON array
	 */
	static String answers(ChatResponse response) {
		StringBuilder json = new StringBuilder("[");
		for (Generation generation : response.getResults()) {
			if (json.length() > 1) {
				json.append(',');
			}
			String finishReason = (generation.getMetadata() != null) ? generation.getMetadata().getFinishReason() : null;
			message(json, "assistant", generation.getOutput().getText(), finishReason);
		}
		return json.append(']').toString();
	}

	private static void message(StringBuilder json, String role, @Nullable String text, @Nullable String finishReason) {
		json.append("{\"role\":");
		string(json, role);
		json.append(",\"content\":");
		string(json, text);
		if (finishReason != null) {
			json.append(",\"finish_reason\":");
			string(json, finishReason);
		}
		json.append('}');
	}

	private static void string(StringBuilder json, @Nullable String value) {
		if (value == null) {
			json.append("null");
			return;
		}
		json.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
