package dev.agentmetrics.alert;

import java.util.Map;

/**
 * The JSON shape of the messages a webhook receives.
 *
 * @author agent-metrics
 */
public enum AlertFormat {

	/** Slack's incoming-webhook shape: {@code {"text": "..."}}. */
	SLACK {
		@Override
		String json(Alert alert) {
			return "{\"text\":" + Json.string(alert.text()) + "}";
		}
	},

	/** A plain object: {@code event}, {@code text} and the event's fields. */
	GENERIC {
		@Override
		String json(Alert alert) {
			StringBuilder json = new StringBuilder("{\"event\":").append(Json.string(alert.event()))
				.append(",\"text\":")
				.append(Json.string(alert.text()));
			for (Map.Entry<String, Object> field : alert.fields().entrySet()) {
				json.append(',').append(Json.string(field.getKey())).append(':').append(Json.value(field.getValue()));
			}
			return json.append('}').toString();
		}
	};

	/**
	 * Return the message of an alert.
	 * @param alert the alert
	 * @return the JSON body
	 */
	abstract String json(Alert alert);

	/** The few JSON values alerts need. */
	private static final class Json {

		static String value(Object value) {
			if (value instanceof Number || value instanceof Boolean) {
				return value.toString();
			}
			return (value != null) ? string(value.toString()) : "null";
		}

		static String string(String value) {
			StringBuilder json = new StringBuilder("\"");
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
			return json.append('"').toString();
		}

	}

}
