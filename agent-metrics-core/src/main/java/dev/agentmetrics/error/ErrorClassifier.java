package dev.agentmetrics.error;

/**
 * Maps an exception thrown by an LLM call, a tool or an agent run to an {@link ErrorKind}.
 * Declare a bean of this type to replace the default classification.
 *
 * @author agent-metrics
 * @see DefaultErrorClassifier
 */
@FunctionalInterface
public interface ErrorClassifier {

	/**
	 * Classify the given exception.
	 * @param error the exception, never {@code null}
	 * @return its kind, never {@code null} ({@link ErrorKind#UNKNOWN} when nothing fits)
	 */
	ErrorKind classify(Throwable error);

}
