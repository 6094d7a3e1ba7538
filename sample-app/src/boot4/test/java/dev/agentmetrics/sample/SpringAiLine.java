package dev.agentmetrics.sample;

/**
 * How the sample's OpenAI client retries on Spring Boot 4 / Spring AI 2.0, for the tests
 * both lines share: the OpenAI SDK retries each failed request once
 * ({@code spring.ai.openai.max-retries=1}), 429s and streams included.
 */
public final class SpringAiLine {

	/** Retries of a blocking call whose requests are all answered {@code 429}. */
	public static final int RATE_LIMIT_RETRIES = 1;

	/**
	 * Whether the failed requests of a stream are retried. The SDK does, on OkHttp's threads,
	 * where agent-metrics knows neither the call nor the cause: they count under the default
	 * agent, caused by {@code unknown}.
	 */
	public static final boolean STREAMS_RETRIED = true;

	private SpringAiLine() {
	}

}
