package dev.agentmetrics.support;

import org.springframework.lang.Nullable;

/**
 * Writes JSON strings: the one piece of JSON writing agent-metrics needs (span attributes,
 * alert messages) without either line's Jackson.
 *
 * @author agent-metrics
 */
public final class JsonStrings {

	private JsonStrings() {
	}

	/**
	 * Return a value as a JSON string, quoted and escaped.
	 * @param value the value, may be {@code null}
	 * @return the JSON string, or {@code null} as JSON
	 */
	public static String quote(@Nullable String value) {
		return append(new StringBuilder(), value).toString();
	}

	/**
	 * Append a value as a JSON string, quoted and escaped.
	 * @param json where to append
	 * @param value the value, may be {@code null}
	 * @return the builder
	 */
	public static StringBuilder append(StringBuilder json, @Nullable String value) {
		if (value == null) {
			return json.append("null");
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
		return json.append('"');
	}

}
