package dev.agentmetrics.llm.google;

import com.google.genai.errors.ApiException;
import dev.agentmetrics.error.HttpErrorReader;

import org.springframework.lang.Nullable;

/**
 * Reads the HTTP status and message of the Google GenAI SDK's {@link ApiException}, which
 * Spring AI's Google GenAI client wraps in a plain {@code RuntimeException}, so that a 429
 * is a {@code rate_limit}, Gemini's "input token count exceeds the maximum number of
 * tokens" a {@code context_length}, a 5xx a {@code server_error}, and so on.
 *
 * @author agent-metrics
 */
public class GoogleGenAiErrorReader implements HttpErrorReader {

	@Override
	@Nullable
	public HttpError read(Throwable error) {
		if (error instanceof ApiException ex) {
			// The message is "<code> <status>. <Google's error.message>": all the body says.
			return new HttpError(ex.code(), ex.getMessage());
		}
		return null;
	}

}
