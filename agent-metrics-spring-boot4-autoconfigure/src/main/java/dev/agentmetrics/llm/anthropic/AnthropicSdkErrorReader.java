package dev.agentmetrics.llm.anthropic;

import com.anthropic.errors.AnthropicServiceException;
import dev.agentmetrics.error.HttpErrorReader;

import org.springframework.lang.Nullable;

/**
 * Reads the HTTP status and error type of the Anthropic SDK's exceptions, which Spring
 * AI 2.0's Anthropic client lets through unwrapped, so that a 429 is a
 * {@code rate_limit}, a 529 {@code overloaded_error} a {@code server_error} and a
 * "prompt is too long" a {@code context_length}.
 *
 * @author agent-metrics
 */
public class AnthropicSdkErrorReader implements HttpErrorReader {

	@Override
	@Nullable
	public HttpError read(Throwable error) {
		if (error instanceof AnthropicServiceException ex) {
			return new HttpError(ex.statusCode(), ex.getMessage());
		}
		return null;
	}

}
