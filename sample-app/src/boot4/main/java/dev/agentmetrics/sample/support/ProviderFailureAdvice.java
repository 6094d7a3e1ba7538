package dev.agentmetrics.sample.support;

import com.openai.errors.OpenAIException;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the {@link SupportController}'s calls that a failed or unreachable model provider
 * ended with {@code 502 Bad Gateway}, for Spring AI 2.0, whose OpenAI client lets the
 * OpenAI SDK's exceptions through (HTTP errors after the SDK's retries, I/O failures).
 *
 * @author agent-metrics
 */
@RestControllerAdvice(assignableTypes = SupportController.class)
public class ProviderFailureAdvice {

	/**
	 * Report a failed or unreachable model provider as {@code 502 Bad Gateway}.
	 * @param ex the failure
	 * @return the problem
	 */
	@ExceptionHandler(OpenAIException.class)
	public ProblemDetail providerFailed(OpenAIException ex) {
		return SupportController.providerFailed(ex);
	}

}
