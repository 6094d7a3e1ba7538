package dev.agentmetrics.autoconfigure;

import org.springframework.lang.Nullable;

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

	private final String action;

	@Nullable
	private final String reason;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code agent-metrics.max-tag-values}
	 * @param value its value
	 * @param allowed what values are allowed
	 */
	public InvalidAgentMetricsPropertyException(String property, Object value, String allowed) {
		this(property, value, allowed, "Set '" + property + "' to " + allowed + ".");
	}

	/**
	 * Create an exception for a property that should not be there at all, such as a
	 * misspelt or malformed name.
	 * @param property the property
	 * @param value its value
	 * @param allowed what properties are allowed instead
	 * @param action what to do about it
	 */
	public InvalidAgentMetricsPropertyException(String property, Object value, String allowed, String action) {
		super(property + " must be " + allowed + ", but was " + value);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
		this.action = action;
		this.reason = null;
	}

	/**
	 * Create an exception for a property whose value names something that cannot be used,
	 * such as a file that cannot be read.
	 * @param property the property
	 * @param value its value
	 * @param allowed what values are allowed
	 * @param action what to do about it
	 * @param cause why the value cannot be used; its message is the reason
	 */
	public InvalidAgentMetricsPropertyException(String property, Object value, String allowed, String action,
			Throwable cause) {
		super(property + " must be " + allowed + ", but was " + value + " (" + cause.getMessage() + ")", cause);
		this.property = property;
		this.value = value;
		this.allowed = allowed;
		this.action = action;
		this.reason = cause.getMessage();
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

	public String getAction() {
		return this.action;
	}

	/**
	 * Return why the value cannot be used, when it names something that cannot be used.
	 * @return the reason, or {@code null}
	 */
	@Nullable
	public String getReason() {
		return this.reason;
	}

}
