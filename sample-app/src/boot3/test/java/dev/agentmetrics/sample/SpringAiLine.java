package dev.agentmetrics.sample;

/**
 * How the sample's OpenAI client retries on Spring Boot 3.5 / Spring AI 1.1, for the tests
 * both lines share: Spring AI's {@code RetryTemplate} retries a blocking call's 5xx once
 * ({@code spring.ai.retry.max-attempts=2}), never a 429 (a client error to it) nor a stream.
 */
public final class SpringAiLine {

	/** Retries of a blocking call whose requests are all answered {@code 429}. */
	public static final int RATE_LIMIT_RETRIES = 0;

	/** Whether the failed requests of a stream are retried. */
	public static final boolean STREAMS_RETRIED = false;

	private SpringAiLine() {
	}

}
