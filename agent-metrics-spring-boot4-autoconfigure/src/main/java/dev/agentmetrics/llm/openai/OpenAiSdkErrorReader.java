package dev.agentmetrics.llm.openai;

import com.openai.errors.OpenAIServiceException;
import dev.agentmetrics.error.HttpErrorReader;

import org.springframework.lang.Nullable;

/**
 * Reads the HTTP status and error code of the OpenAI SDK's exceptions, which Spring AI
 * 2.0's OpenAI client lets through unwrapped, so that a 429 is a {@code rate_limit}, a
 * {@code context_length_exceeded} a {@code context_length}, and so on.
 *
 * @author agent-metrics
 */
public class OpenAiSdkErrorReader implements HttpErrorReader {

	@Override
	@Nullable
	public HttpError read(Throwable error) {
		if (error instanceof OpenAIServiceException ex) {
			return new HttpError(ex.statusCode(), ex.code().orElse("") + " " + ex.getMessage());
		}
		return null;
	}

}
