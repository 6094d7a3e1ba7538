package dev.agentmetrics.sample.support;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Answers the {@link SupportController}'s calls that a failed or unreachable model provider
 * ended with {@code 502 Bad Gateway}, for Spring AI 1.1, whose OpenAI client fails with
 * Spring AI's own exceptions (blocking calls, after its retries) or Spring's HTTP client
 * ones.
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
	@ExceptionHandler({ NonTransientAiException.class, TransientAiException.class, WebClientResponseException.class,
			ResourceAccessException.class, WebClientRequestException.class })
	public ProblemDetail providerFailed(RuntimeException ex) {
		return SupportController.providerFailed(ex);
	}

}
