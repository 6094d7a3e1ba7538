package dev.agentmetrics.support;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link JsonReader}.
 *
 * @author agent-metrics
 */
class JsonReaderTests {

	@Test
	void readsObjectsInDocumentOrderWithEveryKindOfValue() {
		Object value = JsonReader.read("""
				{ "z": 1, "a": [true, false, null], "m": {"s": "x"}, "e": {}, "l": [] }
				""");
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("z", new BigDecimal("1"));
		expected.put("a", Arrays.asList(true, false, null));
		expected.put("m", Map.of("s", "x"));
		expected.put("e", Map.of());
		expected.put("l", List.of());
		assertThat(value).isEqualTo(expected);
		assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("z", "a", "m", "e", "l"));
	}

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			1.5e-07                   | 1.5E-7
			2.9999900000000002e-06    | 0.0000029999900000000002
			-0                        | 0
			0.0                       | 0.0
			1E+2                      | 1E+2
			-12.50                    | -12.50
			""")
	void readsNumbersExactlyAsWritten(String json, String decimal) {
		assertThat(JsonReader.read(json)).isEqualTo(new BigDecimal(decimal));
	}

	@Test
	void readsEscapesInStrings() {
		assertThat(JsonReader.read("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\""))
			.isEqualTo("a\"b\\c/d\b\f\n\r\té\uD83D\uDE00");
	}

	@Test
	void keepsTheLastValueOfARepeatedName() {
		assertThat(JsonReader.read("{\"a\": 1, \"a\": 2}")).isEqualTo(Map.of("a", new BigDecimal("2")));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			{"a": 1,}                 | expected a member name in double quotes, found '}' at line 1, column 9 (character 8)
			[1, 2,]                   | unexpected ']', expected a value at line 1, column 7 (character 6)
			{'a': 1}                  | expected a member name in double quotes, found ''' at line 1, column 2 (character 1)
			{"a" 1}                   | expected ':', found '1' at line 1, column 6 (character 5)
			{"a": 1 "b": 2}           | expected ',' or '}' after a member, found '"' at line 1, column 9 (character 8)
			[1 2]                     | expected ',' or ']' after an element, found '2' at line 1, column 4 (character 3)
			01                        | leading zero in a number at line 1, column 2 (character 1)
			1.                        | expected a digit after the decimal point, found the end of the text at line 1, column 3 (character 2)
			-                         | expected a digit, found the end of the text at line 1, column 2 (character 1)
			1e                        | expected a digit in the exponent, found the end of the text at line 1, column 3 (character 2)
			.5                        | unexpected '.', expected a value at line 1, column 1 (character 0)
			NaN                       | unexpected 'N', expected a value at line 1, column 1 (character 0)
			tru                       | unexpected 't', expected a value at line 1, column 1 (character 0)
			"abc                      | unterminated string at line 1, column 1 (character 0)
			"a\\x"                    | invalid escape '\\x' in a string at line 1, column 4 (character 3)
			"\\u12G4"                 | invalid \\u escape: expected four hexadecimal digits at line 1, column 6 (character 5)
			{} {}                     | unexpected '{' after the value at line 1, column 4 (character 3)
			{"a": 1} // comment       | unexpected '/' after the value at line 1, column 10 (character 9)
			``                        | unexpected end of text, expected a value at line 1, column 1 (character 0)
			{"a": 1                   | expected ',' or '}' after a member, found the end of the text at line 1, column 8 (character 7)
			1e99999999999             | number out of range: 1e99999999999 at line 1, column 1 (character 0)
			""")
	void rejectsMalformedTextSayingWhatAndWhere(String json, String message) {
		assertThatExceptionOfType(JsonReader.MalformedJsonException.class).isThrownBy(() -> JsonReader.read(json))
			.withMessage(message);
	}

	@Test
	void givesTheLineAndColumnOfAProblemOnALaterLine() {
		String json = "{\n  \"gpt-5\": {\n    \"input_cost_per_token\": 1.25e-06,\n  }\n}";
		assertThatExceptionOfType(JsonReader.MalformedJsonException.class).isThrownBy(() -> JsonReader.read(json))
			.satisfies((ex) -> {
				assertThat(ex.getLine()).isEqualTo(4);
				assertThat(ex.getColumn()).isEqualTo(3);
				assertThat(ex.getOffset()).isEqualTo(json.indexOf("  }") + 2);
			});
	}

	@Test
	void rejectsAControlCharacterInAString() {
		assertThatExceptionOfType(JsonReader.MalformedJsonException.class)
			.isThrownBy(() -> JsonReader.read("\"a\tb\""))
			.withMessage("unescaped character U+0009 in a string at line 1, column 3 (character 2)");
	}

	@Test
	void refusesNestingDeeperThanItsLimit() {
		String deep = "[".repeat(JsonReader.MAX_DEPTH + 1) + "]".repeat(JsonReader.MAX_DEPTH + 1);
		assertThatExceptionOfType(JsonReader.MalformedJsonException.class).isThrownBy(() -> JsonReader.read(deep))
			.withMessageStartingWith("nested deeper than 512 levels");
		String deepest = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
		assertThat(JsonReader.read(deepest)).isInstanceOf(List.class);
	}

}
