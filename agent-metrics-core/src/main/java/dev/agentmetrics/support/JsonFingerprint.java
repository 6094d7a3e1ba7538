package dev.agentmetrics.support;

import org.springframework.lang.Nullable;

/**
 * A 64-bit fingerprint of a JSON text that ignores whitespace, the order of object members
 * and how string characters are escaped, so that tool calls whose arguments differ only in
 * how they are written match. Computed in one pass without building objects: loop
 * detection takes it on every tool call, and keeping fingerprints rather than argument
 * texts keeps no user data in memory.
 *
 * <p>
 * Text that is not valid JSON, or nests deeper than {@value #MAX_DEPTH} levels, is
 * fingerprinted as written, leading and trailing whitespace aside.
 *
 * @author agent-metrics
 */
public final class JsonFingerprint {

	/** Deeper nesting is fingerprinted as plain text rather than risking the stack. */
	static final int MAX_DEPTH = 256;

	private static final long FNV_OFFSET = 0xcbf29ce484222325L;

	private static final long FNV_PRIME = 0x100000001b3L;

	private static final long GOLDEN = 0x9e3779b97f4a7c15L;

	private static final long STRING = 1;

	private static final long NUMBER = 2;

	private static final long ARRAY = 3;

	private static final long OBJECT = 4;

	private static final long TEXT = 5;

	private static final long TRUE = mix(6);

	private static final long FALSE = mix(7);

	private static final long NULL = mix(8);

	private static final Malformed MALFORMED = new Malformed();

	private final String json;

	private int pos;

	private JsonFingerprint(String json) {
		this.json = json;
	}

	/**
	 * Return the fingerprint of the given text.
	 * @param json the text, usually JSON; {@code null} counts as empty
	 * @return the fingerprint
	 */
	public static long of(@Nullable String json) {
		if (json == null) {
			return text("");
		}
		JsonFingerprint parser = new JsonFingerprint(json);
		try {
			long hash = parser.value(0);
			parser.skipWhitespace();
			if (parser.pos == json.length()) {
				return hash;
			}
		}
		catch (Malformed ex) {
			// Not JSON: fall through to the text itself.
		}
		return text(json.trim());
	}

	/**
	 * Return the fingerprint of a name and a JSON text together, such as a tool's name
	 * and its arguments.
	 * @param name the name
	 * @param json the text, usually JSON; {@code null} counts as empty
	 * @return the fingerprint
	 */
	public static long of(String name, @Nullable String json) {
		return mix(text(name) * GOLDEN + of(json));
	}

	private static long text(String text) {
		long hash = FNV_OFFSET;
		for (int i = 0; i < text.length(); i++) {
			hash = (hash ^ text.charAt(i)) * FNV_PRIME;
		}
		return mix(hash ^ TEXT);
	}

	private long value(int depth) {
		skipWhitespace();
		char c = peek();
		switch (c) {
			case '{':
				return object(depth + 1);
			case '[':
				return array(depth + 1);
			case '"':
				return string();
			case 't':
				literal("true");
				return TRUE;
			case 'f':
				literal("false");
				return FALSE;
			case 'n':
				literal("null");
				return NULL;
			default:
				if (c == '-' || (c >= '0' && c <= '9')) {
					return number();
				}
				throw MALFORMED;
		}
	}

	private long object(int depth) {
		checkDepth(depth);
		this.pos++;
		// A sum of well-mixed member hashes does not depend on the members' order.
		long sum = 0;
		int members = 0;
		skipWhitespace();
		if (peek() == '}') {
			this.pos++;
			return mix(OBJECT * GOLDEN);
		}
		while (true) {
			skipWhitespace();
			if (peek() != '"') {
				throw MALFORMED;
			}
			long key = string();
			skipWhitespace();
			expect(':');
			long value = value(depth);
			sum += mix(key * GOLDEN + value);
			members++;
			skipWhitespace();
			char c = next();
			if (c == '}') {
				return mix((sum + members) ^ (OBJECT * GOLDEN));
			}
			if (c != ',') {
				throw MALFORMED;
			}
		}
	}

	private long array(int depth) {
		checkDepth(depth);
		this.pos++;
		long hash = ARRAY * GOLDEN;
		skipWhitespace();
		if (peek() == ']') {
			this.pos++;
			return mix(hash);
		}
		while (true) {
			hash = mix(hash * GOLDEN + value(depth));
			skipWhitespace();
			char c = next();
			if (c == ']') {
				return mix(hash ^ ARRAY);
			}
			if (c != ',') {
				throw MALFORMED;
			}
		}
	}

	private long string() {
		this.pos++;
		long hash = FNV_OFFSET;
		while (true) {
			char c = next();
			if (c == '"') {
				return mix(hash ^ STRING);
			}
			if (c == '\\') {
				c = escaped(next());
			}
			else if (c < 0x20) {
				throw MALFORMED;
			}
			hash = (hash ^ c) * FNV_PRIME;
		}
	}

	private char escaped(char c) {
		switch (c) {
			case '"':
			case '\\':
			case '/':
				return c;
			case 'b':
				return '\b';
			case 'f':
				return '\f';
			case 'n':
				return '\n';
			case 'r':
				return '\r';
			case 't':
				return '\t';
			case 'u':
				int code = 0;
				for (int i = 0; i < 4; i++) {
					int digit = Character.digit(next(), 16);
					if (digit < 0) {
						throw MALFORMED;
					}
					code = code * 16 + digit;
				}
				return (char) code;
			default:
				throw MALFORMED;
		}
	}

	private long number() {
		// Numbers compare as written: 1 and 1.0 are different arguments, as they are to
		// a JSON parser that keeps integers and decimals apart.
		int start = this.pos;
		long hash = FNV_OFFSET;
		while (this.pos < this.json.length()) {
			char c = this.json.charAt(this.pos);
			if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
				hash = (hash ^ c) * FNV_PRIME;
				this.pos++;
			}
			else {
				break;
			}
		}
		if (this.pos == start) {
			throw MALFORMED;
		}
		return mix(hash ^ NUMBER);
	}

	private void literal(String literal) {
		if (!this.json.startsWith(literal, this.pos)) {
			throw MALFORMED;
		}
		this.pos += literal.length();
	}

	private void skipWhitespace() {
		while (this.pos < this.json.length()) {
			char c = this.json.charAt(this.pos);
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				return;
			}
			this.pos++;
		}
	}

	private void expect(char expected) {
		if (next() != expected) {
			throw MALFORMED;
		}
	}

	private char peek() {
		if (this.pos >= this.json.length()) {
			throw MALFORMED;
		}
		return this.json.charAt(this.pos);
	}

	private char next() {
		char c = peek();
		this.pos++;
		return c;
	}

	private static void checkDepth(int depth) {
		if (depth > MAX_DEPTH) {
			throw MALFORMED;
		}
	}

	/** The finalizer of MurmurHash3: every input bit affects every output bit. */
	private static long mix(long hash) {
		hash ^= hash >>> 33;
		hash *= 0xff51afd7ed558ccdL;
		hash ^= hash >>> 33;
		hash *= 0xc4ceb9fe1a85ec53L;
		hash ^= hash >>> 33;
		return hash;
	}

	/** Thrown to stop parsing text that is not JSON; shared and without a stack trace. */
	private static final class Malformed extends RuntimeException {

		Malformed() {
			super("Not JSON", null, false, false);
		}

	}

}
