package dev.agentmetrics.autoconfigure;

/**
 * Thrown at start-up when an {@code agent-metrics.*} property has a value that cannot be
 * used; {@link InvalidAgentMetricsPropertyFailureAnalyzer} turns it into a description
 * naming the property and the allowed values.
 *
 * @author agent-metrics
 */
public class InvalidAgentMetricsPropertyException extends IllegalStateException {

	private final String property;

	private final Object value;

	private final String allowed;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code agent-metrics.max-tag-values}
	 * @param value its value
	 * @param allowed what values are allowed
	 */
	public InvalidAgentMetricsPropertyException(String property, Object value, String allowed) {
		super(property + " must be " + allowed + ", but was " + value);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
	}

	public String getProperty() {
		return this.property;
	}

	public Object getValue() {
		return this.value;
	}

	public String getAllowed() {
		return this.allowed;
	}

}
