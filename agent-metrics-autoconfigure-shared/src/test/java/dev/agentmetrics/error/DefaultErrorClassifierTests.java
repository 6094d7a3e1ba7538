package dev.agentmetrics.error;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultErrorClassifierTests {

	private final DefaultErrorClassifier classifier = new DefaultErrorClassifier();

	@ParameterizedTest
	@CsvSource({ "429, rate_limit", "401, auth", "403, auth", "400, invalid_request", "404, invalid_request",
			"408, timeout", "500, server_error", "502, server_error", "503, server_error", "504, timeout",
			"529, server_error" })
	void classifiesSpringAiExceptionsByTheStatusInTheirMessage(int status, String kind) {
		String message = "HTTP " + status + " - {\"error\":{\"message\":\"boom\"}}";
		RuntimeException error = (status >= 500) ? new TransientAiException(message)
				: new NonTransientAiException(message);
		assertThat(this.classifier.classify(error).tagValue()).isEqualTo(kind);
	}

	@Test
	void readsTheStatusOfSpringAiDefaultErrorHandlerMessagesWithoutPrefix() {
		assertThat(this.classifier.classify(new NonTransientAiException("429 - slow down")))
			.isEqualTo(ErrorKind.RATE_LIMIT);
	}

	@Test
	void tellsContextLengthAndContentFilterApartFromOtherBadRequests() {
		assertThat(this.classifier.classify(new NonTransientAiException(
				"HTTP 400 - {\"error\":{\"code\":\"context_length_exceeded\",\"message\":\"This model's maximum context length is 128000 tokens\"}}")))
			.isEqualTo(ErrorKind.CONTEXT_LENGTH);
		assertThat(this.classifier.classify(
				new NonTransientAiException("HTTP 400 - {\"error\":{\"code\":\"content_filter\",\"message\":\"no\"}}")))
			.isEqualTo(ErrorKind.CONTENT_FILTER);
	}

	@Test
	void classifiesGeminisInputTokenCountErrorAsContextLengthAndOnlyOnA4xx() {
		// Gemini's INVALID_ARGUMENT answer to a prompt longer than the model's window.
		String message = "The input token count (1048577) exceeds the maximum number of tokens allowed (1048576).";
		assertThat(this.classifier.classifyStatus(400, message)).isEqualTo(ErrorKind.CONTEXT_LENGTH);
		assertThat(this.classifier.classifyStatus(400, "400 Bad Request. " + message.toUpperCase()))
			.isEqualTo(ErrorKind.CONTEXT_LENGTH);
		assertThat(this.classifier.classifyStatus(500, message)).isEqualTo(ErrorKind.SERVER_ERROR);
		assertThat(this.classifier.classifyStatus(400, "Invalid JSON payload received."))
			.isEqualTo(ErrorKind.INVALID_REQUEST);
	}

	@Test
	void readsTheStatusOfRestClientAndWebClientExceptions() {
		assertThat(this.classifier.classify(HttpClientErrorException.create(
				org.springframework.http.HttpStatus.UNAUTHORIZED, "Unauthorized", HttpHeaders.EMPTY, new byte[0],
				StandardCharsets.UTF_8)))
			.isEqualTo(ErrorKind.AUTH);
		assertThat(this.classifier.classify(WebClientResponseException.create(503, "Unavailable", HttpHeaders.EMPTY,
				new byte[0], StandardCharsets.UTF_8)))
			.isEqualTo(ErrorKind.SERVER_ERROR);
	}

	@Test
	void classifiesAStreamCutOffAfterA200ByItsCause() {
		WebClientResponseException cutOff = WebClientResponseException.create(200, "OK", HttpHeaders.EMPTY, new byte[0],
				StandardCharsets.UTF_8);
		cutOff.initCause(new IOException("chunked transfer encoding, state: READING_LENGTH"));
		assertThat(this.classifier.classify(cutOff)).isEqualTo(ErrorKind.NETWORK);
	}

	@Test
	void findsTimeoutsAnywhereInTheCauseChain() {
		assertThat(this.classifier.classify(new ResourceAccessException("I/O error",
				new SocketTimeoutException("Read timed out"))))
			.isEqualTo(ErrorKind.TIMEOUT);
		assertThat(this.classifier.classify(new RuntimeException(new HttpTimeoutException("request timed out"))))
			.isEqualTo(ErrorKind.TIMEOUT);
		assertThat(this.classifier.classify(new TimeoutException())).isEqualTo(ErrorKind.TIMEOUT);
	}

	@Test
	void classifiesConnectionFailuresAsNetwork() {
		assertThat(this.classifier.classify(new ResourceAccessException("I/O error",
				new ConnectException("Connection refused"))))
			.isEqualTo(ErrorKind.NETWORK);
		assertThat(this.classifier.classify(new IOException("Connection reset"))).isEqualTo(ErrorKind.NETWORK);
	}

	@Test
	void classifiesRejectedCircuitBreakerCalls() {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("openai");
		breaker.transitionToOpenState();
		assertThat(this.classifier.classify(CallNotPermittedException.createCallNotPermittedException(breaker)))
			.isEqualTo(ErrorKind.CIRCUIT_OPEN);
	}

	@Test
	void classifiesCancellationAndToolFailures() {
		assertThat(this.classifier.classify(new CancellationException())).isEqualTo(ErrorKind.CANCELLED);
		assertThat(this.classifier.classify(new ToolExecutionException(null, new IllegalStateException("db down"))))
			.isEqualTo(ErrorKind.TOOL_FAILURE);
	}

	@Test
	void classifiesAnythingElseAsUnknownEvenWithACyclicCauseChain() {
		RuntimeException first = new RuntimeException("first");
		RuntimeException second = new RuntimeException("second", first);
		first.initCause(second);
		assertThat(this.classifier.classify(first)).isEqualTo(ErrorKind.UNKNOWN);
		assertThat(this.classifier.classify(new IllegalArgumentException("429 - looks like a status")))
			.isEqualTo(ErrorKind.UNKNOWN);
	}

}
