package dev.agentmetrics.llm.anthropic;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmetrics.error.HttpErrorReader;

import org.springframework.lang.Nullable;

/**
 * Reads the HTTP status of the failures of Spring AI 1.1's Anthropic streams, which it
 * reports as a plain {@code RuntimeException("Response exception, Status: [429 ...],
 * Body:[...]")}, so that they are classified as its blocking calls' are.
 *
 * @author agent-metrics
 */
public class AnthropicStreamErrorReader implements HttpErrorReader {

	private static final Pattern STATUS = Pattern.compile("^Response exception, Status: \\[(\\d{3})");

	@Override
	@Nullable
	public HttpError read(Throwable error) {
		if (error.getClass() == RuntimeException.class && error.getMessage() != null) {
			Matcher matcher = STATUS.matcher(error.getMessage());
			if (matcher.find()) {
				return new HttpError(Integer.parseInt(matcher.group(1)), error.getMessage());
			}
		}
		return null;
	}

}
