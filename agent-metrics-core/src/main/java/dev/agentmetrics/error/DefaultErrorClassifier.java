package dev.agentmetrics.error;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmetrics.budget.BudgetExceededException;
import dev.agentmetrics.error.HttpErrorReader.HttpError;

import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Default {@link ErrorClassifier}: reads the HTTP status where one can be found (Spring
 * AI's {@code TransientAiException}/{@code NonTransientAiException} messages,
 * {@code RestClientResponseException}, {@code WebClientResponseException}, and what the
 * given {@link HttpErrorReader}s read from providers' own exceptions), then looks for
 * timeouts, cancellation, rejected circuit breakers and network failures along the cause
 * chain.
 *
 * @author agent-metrics
 */
public class DefaultErrorClassifier implements ErrorClassifier {

	/** How deep to follow causes; guards against cycles and absurd chains. */
	private static final int MAX_DEPTH = 16;

	/** Spring AI's response error handlers write "HTTP 429 - body" or "429 - body". */
	private static final Pattern SPRING_AI_STATUS = Pattern.compile("^(?:HTTP )?(\\d{3}) - ");

	private static final String CALL_NOT_PERMITTED = "io.github.resilience4j.circuitbreaker.CallNotPermittedException";

	private static final String TOOL_LOOP_DETECTED_EXCEPTION = "dev.agentmetrics.tool.ToolLoopDetectedException";

	private static final String TOOL_EXECUTION_EXCEPTION = "org.springframework.ai.tool.execution.ToolExecutionException";

	private static final String TOOL_CALL_LIMIT_EXCEEDED_EXCEPTION = "org.springframework.ai.model.tool.ToolCallLimitExceededException";

	private static final boolean WEB_PRESENT = ClassUtils
		.isPresent("org.springframework.web.client.RestClientResponseException", null);

	private static final boolean WEBFLUX_PRESENT = ClassUtils
		.isPresent("org.springframework.web.reactive.function.client.WebClientResponseException", null);

	private final List<HttpErrorReader> httpErrorReaders;

	/**
	 * Create a classifier that knows Spring's and Spring AI's exceptions.
	 */
	public DefaultErrorClassifier() {
		this(List.of());
	}

	/**
	 * Create a classifier that also reads providers' own exceptions.
	 * @param httpErrorReaders readers of HTTP errors from exception types Spring does not
	 * know, tried in order
	 */
	public DefaultErrorClassifier(List<HttpErrorReader> httpErrorReaders) {
		this.httpErrorReaders = List.copyOf(httpErrorReaders);
	}

	@Override
	public ErrorKind classify(Throwable error) {
		// First pass: signals that say exactly what happened, wherever they are in the chain.
		Throwable current = error;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = next(current)) {
			ErrorKind kind = classifySpecific(current);
			if (kind != null) {
				return kind;
			}
		}
		// Second pass: generic I/O failures, which often wrap a more specific cause.
		current = error;
		for (int depth = 0; current != null && depth < MAX_DEPTH; depth++, current = next(current)) {
			if (isNetworkFailure(current)) {
				return ErrorKind.NETWORK;
			}
		}
		return ErrorKind.UNKNOWN;
	}

	private ErrorKind classifySpecific(Throwable error) {
		String className = error.getClass().getName();
		if (CALL_NOT_PERMITTED.equals(className)) {
			return ErrorKind.CIRCUIT_OPEN;
		}
		if (TOOL_LOOP_DETECTED_EXCEPTION.equals(className)) {
			return ErrorKind.LOOP_DETECTED;
		}
		if (error instanceof BudgetExceededException) {
			return ErrorKind.BUDGET_EXCEEDED;
		}
		if (TOOL_CALL_LIMIT_EXCEEDED_EXCEPTION.equals(className)) {
			return ErrorKind.TOOL_CALL_LIMIT;
		}
		if (error instanceof CancellationException) {
			return ErrorKind.CANCELLED;
		}
		if (error instanceof SocketTimeoutException || error instanceof HttpTimeoutException
				|| error instanceof TimeoutException || isTimeoutByName(error)) {
			return ErrorKind.TIMEOUT;
		}
		HttpError httpError = (WEB_PRESENT) ? Web.httpError(error) : null;
		if (httpError == null && WEBFLUX_PRESENT) {
			httpError = WebFlux.httpError(error);
		}
		for (int i = 0; httpError == null && i < this.httpErrorReaders.size(); i++) {
			httpError = this.httpErrorReaders.get(i).read(error);
		}
		// A stream cut off after a 200 fails with a response exception of status 200: not
		// an HTTP error, so its cause decides.
		if (httpError != null && httpError.status() >= 400) {
			return classifyStatus(httpError.status(), httpError.body());
		}
		if (className.startsWith("org.springframework.ai.") && error.getMessage() != null) {
			Matcher matcher = SPRING_AI_STATUS.matcher(error.getMessage());
			if (matcher.find()) {
				return classifyStatus(Integer.parseInt(matcher.group(1)), error.getMessage());
			}
		}
		if (TOOL_EXECUTION_EXCEPTION.equals(className)) {
			return ErrorKind.TOOL_FAILURE;
		}
		return null;
	}

	/**
	 * Classify an HTTP error status, using the response body to tell context-length and
	 * content-filter refusals apart from other bad requests.
	 * @param status the HTTP status code
	 * @param body the response body or exception message, may be {@code null}
	 * @return the kind
	 */
	public ErrorKind classifyStatus(int status, @Nullable String body) {
		String text = (body != null) ? body.toLowerCase(Locale.ROOT) : "";
		if (status >= 400 && status < 500) {
			if (text.contains("context_length_exceeded") || text.contains("maximum context length")
					|| text.contains("prompt is too long") || text.contains("context window")
					|| text.contains("exceeds the maximum number of tokens")) {
				return ErrorKind.CONTEXT_LENGTH;
			}
			if (text.contains("content_filter") || text.contains("content_policy_violation")
					|| text.contains("content management policy")) {
				return ErrorKind.CONTENT_FILTER;
			}
		}
		return switch (status) {
			case 401, 403 -> ErrorKind.AUTH;
			case 408, 504 -> ErrorKind.TIMEOUT;
			case 429 -> ErrorKind.RATE_LIMIT;
			default -> {
				if (status >= 500 && status < 600) {
					yield ErrorKind.SERVER_ERROR;
				}
				yield (status >= 400 && status < 500) ? ErrorKind.INVALID_REQUEST : ErrorKind.UNKNOWN;
			}
		};
	}

	private static boolean isTimeoutByName(Throwable error) {
		// Netty's ReadTimeoutException and friends, without a compile-time dependency.
		String simpleName = error.getClass().getSimpleName();
		return simpleName.endsWith("TimeoutException");
	}

	private boolean isNetworkFailure(Throwable error) {
		if (error instanceof IOException) {
			return true;
		}
		if (WEB_PRESENT && Web.isRequestFailure(error)) {
			return true;
		}
		return WEBFLUX_PRESENT && WebFlux.isRequestFailure(error);
	}

	private static Throwable next(Throwable error) {
		Throwable cause = error.getCause();
		return (cause != error) ? cause : null;
	}

	/** Isolates the spring-web types so the classifier loads without them. */
	private static final class Web {

		static HttpError httpError(Throwable error) {
			if (error instanceof RestClientResponseException ex) {
				return new HttpError(ex.getStatusCode().value(), ex.getResponseBodyAsString());
			}
			return null;
		}

		static boolean isRequestFailure(Throwable error) {
			return error instanceof ResourceAccessException;
		}

	}

	/** Isolates the spring-webflux types so the classifier loads without them. */
	private static final class WebFlux {

		static HttpError httpError(Throwable error) {
			if (error instanceof WebClientResponseException ex) {
				return new HttpError(ex.getStatusCode().value(), ex.getResponseBodyAsString());
			}
			return null;
		}

		static boolean isRequestFailure(Throwable error) {
			return error instanceof WebClientRequestException;
		}

	}

}
