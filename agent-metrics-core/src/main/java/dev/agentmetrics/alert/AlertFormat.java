package dev.agentmetrics.alert;

import java.util.Map;

import dev.agentmetrics.support.JsonStrings;

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
			return "{\"text\":" + JsonStrings.quote(alert.text()) + "}";
		}
	},

	/** A plain object: {@code event}, {@code text} and the event's fields. */
	GENERIC {
		@Override
		String json(Alert alert) {
			StringBuilder json = new StringBuilder("{\"event\":").append(JsonStrings.quote(alert.event()))
				.append(",\"text\":")
				.append(JsonStrings.quote(alert.text()));
			for (Map.Entry<String, Object> field : alert.fields().entrySet()) {
				json.append(',').append(JsonStrings.quote(field.getKey())).append(':').append(value(field.getValue()));
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

	private static String value(Object value) {
		if (value instanceof Number || value instanceof Boolean) {
			return value.toString();
		}
		return JsonStrings.quote((value != null) ? value.toString() : null);
	}

}
