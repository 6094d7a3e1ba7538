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
	 * Return the value cached for the given names.
	 * @param first the first name
	 * @param second the second name
	 * @param third the third name, or a constant for two-name keys
	 * @return the value, or {@code null}
	 */
	@Nullable
	public V get(String first, String second, String third) {
		ConcurrentHashMap<String, ConcurrentHashMap<String, V>> bySecond = this.values.get(first);
		ConcurrentHashMap<String, V> byThird = (bySecond != null) ? bySecond.get(second) : null;
		return (byThird != null) ? byThird.get(third) : null;
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

}
