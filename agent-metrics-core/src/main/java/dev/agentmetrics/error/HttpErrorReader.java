package dev.agentmetrics.error;

import org.springframework.lang.Nullable;

/**
 * Reads the HTTP status and body out of a provider client's own exception type, so that
 * {@link DefaultErrorClassifier} classifies it like Spring's HTTP client exceptions: a
 * provider SDK (such as the OpenAI SDK under Spring AI 2.0) throws its own types.
 *
 * @author agent-metrics
 */
@FunctionalInterface
public interface HttpErrorReader {

	/**
	 * Read the given failure.
	 * @param error one failure of a cause chain, never {@code null}
	 * @return its HTTP status and body, or {@code null} when this reader does not know it
	 */
	@Nullable
	HttpError read(Throwable error);

	/**
	 * An HTTP error answer.
	 *
	 * @param status the HTTP status code
	 * @param body the body or message that may say more, such as an error code; may be
	 * {@code null}
	 */
	record HttpError(int status, @Nullable String body) {
	}

}
