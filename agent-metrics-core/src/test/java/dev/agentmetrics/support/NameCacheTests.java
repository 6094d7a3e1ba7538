package dev.agentmetrics.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link NameCache}.
 *
 * @author agent-metrics
 */
class NameCacheTests {

	private final NameCache<String> cache = new NameCache<>();

	@Test
	void returnsTheValueOfEachCombinationOfNamesWhenCallsAlternate() {
		this.cache.put("a", "openai", "m1", "a-m1");
		this.cache.put("a", "openai", "m2", "a-m2");
		this.cache.put("b", "openai", "m1", "b-m1");
		for (int i = 0; i < 3; i++) {
			assertThat(this.cache.get("a", "openai", "m1")).isEqualTo("a-m1");
			assertThat(this.cache.get("a", "openai", "m1")).isEqualTo("a-m1");
			assertThat(this.cache.get("a", "openai", "m2")).isEqualTo("a-m2");
			assertThat(this.cache.get("b", "openai", "m1")).isEqualTo("b-m1");
			assertThat(this.cache.get("b", "anthropic", "m1")).isNull();
		}
	}

	@Test
	void matchesNamesByValueNotByInstance() {
		this.cache.put("agent", "openai", "gpt-4o", "value");
		assertThat(this.cache.get("agent", "openai", "gpt-4o")).isEqualTo("value");
		// A response's model is a new string on every call.
		assertThat(this.cache.get(new String("agent"), new String("openai"), new String("gpt-4o"))).isEqualTo("value");
		assertThat(this.cache.get("agent", "openai", "gpt-4o-mini")).isNull();
	}

	@Test
	void stopsCachingAtItsBoundAndKeepsWhatItHolds() {
		for (int i = 0; i < NameCache.MAX_ENTRIES + 10; i++) {
			this.cache.put("agent", "openai", "model-" + i, "value-" + i);
		}
		assertThat(this.cache.get("agent", "openai", "model-0")).isEqualTo("value-0");
		assertThat(this.cache.get("agent", "openai", "model-" + (NameCache.MAX_ENTRIES - 1)))
			.isEqualTo("value-" + (NameCache.MAX_ENTRIES - 1));
		assertThat(this.cache.get("agent", "openai", "model-" + NameCache.MAX_ENTRIES)).isNull();
	}

}
