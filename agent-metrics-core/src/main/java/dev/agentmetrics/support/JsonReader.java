package dev.agentmetrics.support;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * A small, strict JSON reader (RFC 8259) that needs no JSON library, so that both lines,
 * whose Jackson major versions differ, read JSON the same way. Objects become
 * {@link LinkedHashMap}s in document order, arrays {@link ArrayList}s, strings
 * {@link String}s, numbers {@link BigDecimal}s (exactly as written: {@code 1.5e-07} stays
 * 1.5 × 10⁻⁷), {@code true} and {@code false} {@link Boolean}s and {@code null}
 * {@code null}.
 *
 * <p>
 * Strict: no comments, trailing commas, single quotes, unquoted names, leading zeros,
 * {@code NaN}, control characters in strings or text after the value; a malformed text
 * fails with a {@link MalformedJsonException} giving the line and column. A name repeated
 * in one object keeps its last value, as most readers do. Nesting deeper than
 * {@value #MAX_DEPTH} levels is refused rather than risking the stack.
 *
 * @author agent-metrics
 */
public final class JsonReader {

	/** The deepest nesting read. */
	static final int MAX_DEPTH = 512;

	private final String json;

	private int pos;

	private JsonReader(String json) {
		this.json = json;
	}

	/**
	 * Read a JSON text.
	 * @param json the text
	 * @return its value: a map, a list, a string, a {@link BigDecimal}, a boolean or
	 * {@code null}
	 * @throws MalformedJsonException if the text is not one JSON value
	 */
	@Nullable
	public static Object read(String json) {
		Assert.notNull(json, "'json' must not be null");
		JsonReader reader = new JsonReader(json);
		Object value = reader.value(0);
		reader.skipWhitespace();
		if (reader.pos < json.length()) {
			throw reader.malformed("unexpected " + reader.describe(json.charAt(reader.pos)) + " after the value");
		}
		return value;
	}

	@Nullable
	private Object value(int depth) {
		skipWhitespace();
		if (this.pos >= this.json.length()) {
			throw malformed("unexpected end of text, expected a value");
		}
		char c = this.json.charAt(this.pos);
		return switch (c) {
			case '{' -> object(depth + 1);
			case '[' -> array(depth + 1);
			case '"' -> string();
			case 't' -> literal("true", Boolean.TRUE);
			case 'f' -> literal("false", Boolean.FALSE);
			case 'n' -> literal("null", null);
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield number();
				}
				throw malformed("unexpected " + describe(c) + ", expected a value");
			}
		};
	}

	private Map<String, Object> object(int depth) {
		checkDepth(depth);
		this.pos++;
		Map<String, Object> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return members;
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw malformed("expected a member name in double quotes, found " + describeNext());
			}
			String name = string();
			skipWhitespace();
			expect(':');
			members.put(name, value(depth));
			skipWhitespace();
			char c = peek();
			this.pos++;
			if (c == '}') {
				return members;
			}
			if (c != ',') {
				this.pos--;
				throw malformed("expected ',' or '}' after a member, found " + describeNext());
			}
		}
	}

	private List<Object> array(int depth) {
		checkDepth(depth);
		this.pos++;
		List<Object> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return elements;
		}
		while (true) {
			elements.add(value(depth));
			skipWhitespace();
			char c = peek();
			this.pos++;
			if (c == ']') {
				return elements;
			}
			if (c != ',') {
				this.pos--;
				throw malformed("expected ',' or ']' after an element, found " + describeNext());
			}
		}
	}

	private String string() {
		int start = this.pos;
		this.pos++;
		StringBuilder text = null;
		int runStart = this.pos;
		while (true) {
			if (this.pos >= this.json.length()) {
				this.pos = start;
				throw malformed("unterminated string");
			}
			char c = this.json.charAt(this.pos);
			if (c == '"') {
				String value = (text != null) ? text.append(this.json, runStart, this.pos).toString()
						: this.json.substring(runStart, this.pos);
				this.pos++;
				return value;
			}
			if (c < 0x20) {
				throw malformed("unescaped " + describe(c) + " in a string");
			}
			if (c == '\\') {
				if (text == null) {
					text = new StringBuilder();
				}
				text.append(this.json, runStart, this.pos);
				this.pos++;
				text.append(escaped());
				runStart = this.pos;
			}
			else {
				this.pos++;
			}
		}
	}

	private char escaped() {
		if (this.pos >= this.json.length()) {
			throw malformed("unterminated string");
		}
		char c = this.json.charAt(this.pos++);
		return switch (c) {
			case '"', '\\', '/' -> c;
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'u' -> unicode();
			default -> {
				this.pos--;
				throw malformed("invalid escape '\\" + c + "' in a string");
			}
		};
	}

	private char unicode() {
		int value = 0;
		for (int i = 0; i < 4; i++) {
			int digit = (this.pos < this.json.length()) ? Character.digit(this.json.charAt(this.pos), 16) : -1;
			if (digit < 0) {
				throw malformed("invalid \\u escape: expected four hexadecimal digits");
			}
			value = value * 16 + digit;
			this.pos++;
		}
		return (char) value;
	}

	private BigDecimal number() {
		int start = this.pos;
		if (peek() == '-') {
			this.pos++;
		}
		if (peek() == '0') {
			this.pos++;
			if (isDigit(peek())) {
				throw malformed("leading zero in a number");
			}
		}
		else {
			digits("a digit");
		}
		if (peek() == '.') {
			this.pos++;
			digits("a digit after the decimal point");
		}
		if (peek() == 'e' || peek() == 'E') {
			this.pos++;
			if (peek() == '+' || peek() == '-') {
				this.pos++;
			}
			digits("a digit in the exponent");
		}
		String text = this.json.substring(start, this.pos);
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException | ArithmeticException ex) {
			this.pos = start;
			throw malformed("number out of range: " + text);
		}
	}

	private void digits(String expected) {
		if (!isDigit(peek())) {
			throw malformed("expected " + expected + ", found " + describeNext());
		}
		while (isDigit(peek())) {
			this.pos++;
		}
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	@Nullable
	private Object literal(String literal, @Nullable Object value) {
		if (!this.json.startsWith(literal, this.pos)) {
			throw malformed("unexpected " + describe(this.json.charAt(this.pos)) + ", expected a value");
		}
		this.pos += literal.length();
		return value;
	}

	private void expect(char expected) {
		if (peek() != expected) {
			throw malformed("expected '" + expected + "', found " + describeNext());
		}
		this.pos++;
	}

	private void skipWhitespace() {
		while (this.pos < this.json.length()) {
			char c = this.json.charAt(this.pos);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.pos++;
		}
	}

	/** The next character, or {@code 0} at the end of the text. */
	private char peek() {
		return (this.pos < this.json.length()) ? this.json.charAt(this.pos) : 0;
	}

	private void checkDepth(int depth) {
		if (depth > MAX_DEPTH) {
			throw malformed("nested deeper than " + MAX_DEPTH + " levels");
		}
	}

	private String describeNext() {
		return (this.pos < this.json.length()) ? describe(this.json.charAt(this.pos)) : "the end of the text";
	}

	private static String describe(char c) {
		return (c < 0x20 || c > 0x7e) ? String.format("character U+%04X", (int) c) : "'" + c + "'";
	}

	private MalformedJsonException malformed(String problem) {
		int line = 1;
		int lineStart = 0;
		int end = Math.min(this.pos, this.json.length());
		for (int i = 0; i < end; i++) {
			if (this.json.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new MalformedJsonException(problem, line, end - lineStart + 1, end);
	}

	/**
	 * Thrown when a text is not valid JSON, with where the problem is.
	 */
	public static final class MalformedJsonException extends IllegalArgumentException {

		private final int line;

		private final int column;

		private final int offset;

		MalformedJsonException(String problem, int line, int column, int offset) {
			super(problem + " at line " + line + ", column " + column + " (character " + offset + ")");
			this.line = line;
			this.column = column;
			this.offset = offset;
		}

		/**
		 * Return the line of the problem, from 1.
		 * @return the line
		 */
		public int getLine() {
			return this.line;
		}

		/**
		 * Return the column of the problem in its line, from 1.
		 * @return the column
		 */
		public int getColumn() {
			return this.column;
		}

		/**
		 * Return the offset of the problem in the text, from 0.
		 * @return the offset
		 */
		public int getOffset() {
			return this.offset;
		}

	}

}
