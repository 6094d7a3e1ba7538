package dev.agentmetrics.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonFingerprint}.
 *
 * @author agent-metrics
 */
class JsonFingerprintTests {

	@ParameterizedTest(name = "{0} matches {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"city":"Paris","days":3}                 | { "days" : 3 , "city" : "Paris" }
			{"a":{"x":1,"y":[1,2]},"b":null}          | {"b":null,"a":{"y":[1, 2],"x":1}}
			{"q":"caf\\u00e9"}                        | {"q":"café"}
			{"q":"a\\/b"}                             | {"q":"a/b"}
			[true,false,null]                         | [ true , false , null ]
			""")
	void sameArgumentsWrittenDifferentlyMatch(String one, String other) {
		assertThat(JsonFingerprint.of(one)).isEqualTo(JsonFingerprint.of(other));
	}

	@ParameterizedTest(name = "{0} differs from {1}")
	@CsvSource(delimiter = '|', textBlock = """
			{"city":"Paris"}              | {"city":"paris"}
			{"a":1,"b":2}                 | {"a":2,"b":1}
			{"a":1}                       | {"a":1,"b":1}
			{"a":{}}                      | {"a":[]}
			[1,2]                         | [2,1]
			[[1],2]                       | [1,[2]]
			{"a":1}                       | {"a":"1"}
			{"a":1}                       | {"a":1.0}
			{"a":true}                    | {"a":"true"}
			{"a":null}                    | {"a":"null"}
			{"a":[]}                      | {"a":[null]}
			{"ab":"c"}                    | {"a":"bc"}
			"{}"                          | {}
			{"a":1                        | {"a":1}
			""")
	void differentArgumentsDiffer(String one, String other) {
		assertThat(JsonFingerprint.of(one)).isNotEqualTo(JsonFingerprint.of(other));
	}

	@Test
	void malformedJsonIsFingerprintedAsText() {
		assertThat(JsonFingerprint.of("{\"a\":1,}")).isEqualTo(JsonFingerprint.of("  {\"a\":1,}\n"))
			.isNotEqualTo(JsonFingerprint.of("{\"a\":1}"));
		assertThat(JsonFingerprint.of("{\"a\":1} trailing")).isNotEqualTo(JsonFingerprint.of("{\"a\":1}"));
		assertThat(JsonFingerprint.of("\"unterminated")).isEqualTo(JsonFingerprint.of("\"unterminated "));
	}

	@Test
	void surroundingWhitespaceDoesNotCount() {
		assertThat(JsonFingerprint.of(" \"text\"\n")).isEqualTo(JsonFingerprint.of("\"text\""));
		assertThat(JsonFingerprint.of("\tnot json ")).isEqualTo(JsonFingerprint.of("not json"));
	}

	@Test
	void nullIsEmpty() {
		assertThat(JsonFingerprint.of(null)).isEqualTo(JsonFingerprint.of("")).isEqualTo(JsonFingerprint.of("   "));
	}

	@Test
	void nestingDeeperThanTheLimitIsFingerprintedAsTextWithoutOverflowingTheStack() {
		String deep = "[".repeat(100_000) + "]".repeat(100_000);
		assertThat(JsonFingerprint.of(deep)).isEqualTo(JsonFingerprint.of(" " + deep + " "))
			.isNotEqualTo(JsonFingerprint.of("[".repeat(99_999) + "]".repeat(99_999)));
		String limit = "[".repeat(JsonFingerprint.MAX_DEPTH) + "]".repeat(JsonFingerprint.MAX_DEPTH);
		assertThat(JsonFingerprint.of(limit))
			.isEqualTo(JsonFingerprint.of(" [".repeat(JsonFingerprint.MAX_DEPTH) + " ]".repeat(JsonFingerprint.MAX_DEPTH)));
	}

	@Test
	void nameIsPartOfTheFingerprint() {
		assertThat(JsonFingerprint.of("weather", "{\"city\":\"Paris\"}"))
			.isEqualTo(JsonFingerprint.of("weather", "{ \"city\": \"Paris\" }"))
			.isNotEqualTo(JsonFingerprint.of("search", "{\"city\":\"Paris\"}"))
			.isNotEqualTo(JsonFingerprint.of("{\"city\":\"Paris\"}"));
	}

	@Test
	void distinctArgumentsDoNotCollide() {
		java.util.Set<Long> fingerprints = new java.util.HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			fingerprints.add(JsonFingerprint.of("tool", "{\"page\":" + i + ",\"q\":\"x\"}"));
		}
		assertThat(fingerprints).hasSize(100_000);
	}

}
