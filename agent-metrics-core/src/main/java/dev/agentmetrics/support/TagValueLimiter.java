package dev.agentmetrics.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Bounds the values of a tag: past {@code maxValues} distinct values, further ones become
 * {@value #OTHER}, so that an unbounded input (model names, tool names, agent names) cannot
 * grow series and memory without end. Counts are kept, under {@value #OTHER}.
 *
 * @author agent-metrics
 */
public final class TagValueLimiter {

	/** The value that stands for every value past the limit. */
	public static final String OTHER = "other";

	private static final Log logger = LogFactory.getLog(TagValueLimiter.class);

	private final int maxValues;

	/**
	 * Create a limiter.
	 * @param maxValues how many distinct values each tag of each meter may have
	 */
	public TagValueLimiter(int maxValues) {
		Assert.isTrue(maxValues > 0, "maxValues must be greater than 0");
		this.maxValues = maxValues;
	}

	/**
	 * Return a limiter that bounds nothing.
	 * @return the limiter
	 */
	public static TagValueLimiter unlimited() {
		return new TagValueLimiter(Integer.MAX_VALUE);
	}

	/**
	 * Return the limit of one tag of one meter (or family of meters).
	 * @param meter the meter, such as {@code agent.llm}
	 * @param tag the tag, such as {@code model}
	 * @return the limit
	 */
	public Limit limit(String meter, String tag) {
		return new Limit(meter, tag);
	}

	/**
	 * The values seen of one tag of one meter.
	 */
	public final class Limit {

		private final String meter;

		private final String tag;

		private final Set<String> values = ConcurrentHashMap.newKeySet();

		private boolean warned;

		private Limit(String meter, String tag) {
			this.meter = meter;
			this.tag = tag;
		}

		/**
		 * Return the given value, or {@value TagValueLimiter#OTHER} when the tag already has
		 * as many distinct values as allowed.
		 * @param value the value
		 * @return the value to tag with
		 */
		public String apply(String value) {
			if (this.values.contains(value)) {
				return value;
			}
			synchronized (this) {
				if (this.values.contains(value)) {
					return value;
				}
				if (this.values.size() >= TagValueLimiter.this.maxValues) {
					if (!this.warned) {
						this.warned = true;
						logger.warn("agent-metrics: tag '" + this.tag + "' of " + this.meter + " reached "
								+ TagValueLimiter.this.maxValues + " distinct values; further values are recorded as '"
								+ OTHER + "' (agent-metrics.max-tag-values)");
					}
					return OTHER;
				}
				this.values.add(value);
				return value;
			}
		}

	}

}
