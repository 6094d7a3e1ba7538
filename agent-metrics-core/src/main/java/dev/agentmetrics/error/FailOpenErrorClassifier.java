package dev.agentmetrics.error;

import dev.agentmetrics.support.FailOpenLogger;

/**
 * An {@link ErrorClassifier} that never fails: a classifier that throws or returns
 * {@code null} gives {@link ErrorKind#UNKNOWN}, so that recording an error never breaks
 * the call that failed.
 *
 * @author agent-metrics
 */
public final class FailOpenErrorClassifier implements ErrorClassifier {

	private static final FailOpenLogger logger = new FailOpenLogger(FailOpenErrorClassifier.class);

	private final ErrorClassifier delegate;

	private FailOpenErrorClassifier(ErrorClassifier delegate) {
		this.delegate = delegate;
	}

	/**
	 * Return a fail-open view of the given classifier.
	 * @param classifier the classifier
	 * @return the classifier itself when it already is fail-open, else a wrapper
	 */
	public static ErrorClassifier of(ErrorClassifier classifier) {
		return (classifier instanceof FailOpenErrorClassifier) ? classifier : new FailOpenErrorClassifier(classifier);
	}

	@Override
	public ErrorKind classify(Throwable error) {
		try {
			ErrorKind kind = this.delegate.classify(error);
			return (kind != null) ? kind : ErrorKind.UNKNOWN;
		}
		catch (Throwable ex) {
			logger.recordingFailed("classifying an error", ex);
			return ErrorKind.UNKNOWN;
		}
	}

}
