package dev.agentmetrics.tracing;

import java.util.List;

import dev.agentmetrics.pricing.ModelPrice.CostBreakdown;
import dev.agentmetrics.support.JsonStrings;

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
		JsonStrings.append(json, role);
		json.append(",\"content\":");
		JsonStrings.append(json, text);
		if (finishReason != null) {
			json.append(",\"finish_reason\":");
			JsonStrings.append(json, finishReason);
		}
		json.append('}');
	}

}
