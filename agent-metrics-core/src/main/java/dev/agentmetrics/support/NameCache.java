package dev.agentmetrics.support;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.lang.Nullable;

/**
 * The meters of a call by the names it gave (agent, provider, model, tool, ...), before tag
 * limits apply: one hash lookup per name on the hot path, no key object and no limit
 * check. Bounded, so that unbounded names cost memory only up to a limit; past it, callers
 * take their slower path, correctly.
 *
 * @param <V> the type of cached value
 * @author agent-metrics
 */
public final class NameCache<V> {

	/** How many name combinations are cached at most. */
	public static final int MAX_ENTRIES = 1024;

	private final ConcurrentHashMap<String, ConcurrentHashMap<String, ConcurrentHashMap<String, V>>> values = new ConcurrentHashMap<>();

	private final AtomicInteger size = new AtomicInteger();

	/**
	 * The entry found last: most applications record one agent, provider and model at a
	 * time, and comparing three names costs less than three hash lookups. Racy but safe:
	 * entries are immutable, and a lost update only costs a lookup.
	 */
	@Nullable
	private Entry<V> last;

	/**
	 * Return the value cached for the given names.
	 * @param first the first name
	 * @param second the second name
	 * @param third the third name, or a constant for two-name keys
	 * @return the value, or {@code null}
	 */
	@Nullable
	public V get(String first, String second, String third) {
		Entry<V> last = this.last;
		if (last != null && last.first.equals(first) && last.second.equals(second) && last.third.equals(third)) {
			return last.value;
		}
		ConcurrentHashMap<String, ConcurrentHashMap<String, V>> bySecond = this.values.get(first);
		ConcurrentHashMap<String, V> byThird = (bySecond != null) ? bySecond.get(second) : null;
		V value = (byThird != null) ? byThird.get(third) : null;
		if (value != null) {
			this.last = new Entry<>(first, second, third, value);
		}
		return value;
	}

	/**
	 * Cache a value for the given names, unless the cache is full.
	 * @param first the first name
	 * @param second the second name
	 * @param third the third name, or a constant for two-name keys
	 * @param value the value
	 * @return the value
	 */
	public V put(String first, String second, String third, V value) {
		if (this.size.get() < MAX_ENTRIES && this.values.computeIfAbsent(first, (key) -> new ConcurrentHashMap<>())
			.computeIfAbsent(second, (key) -> new ConcurrentHashMap<>())
			.putIfAbsent(third, value) == null) {
			this.size.incrementAndGet();
		}
		return value;
	}

	/** One cached value with its names. */
	private record Entry<V>(String first, String second, String third, V value) {
	}

}
