package dev.agentmetrics.integration;

import com.google.genai.Client;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application of the Gemini integration tests: everything auto-configured, Spring
 * AI's Google GenAI chat model on a Google GenAI SDK {@code Client} pointed at a
 * {@link FakeGemini} of its own, and the {@link OpenAiApplication.Client test client} of
 * the application.
 * <p>
 * Without bean-method proxies: Spring AI's {@code CachedContentServiceCondition} looks the
 * Google GenAI chat model up while conditions are evaluated, which creates this
 * configuration before it could be proxied.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
class GeminiApplication {

	@Bean
	FakeGemini fakeGemini() {
		return FakeGemini.start();
	}

	/**
	 * The SDK client Spring AI's auto-configuration backs off from: it has no base-URL
	 * property, so the test builds the client with the fake's URL. The SDK retries 408, 429
	 * and 5xx answers itself (5 attempts by default); here it makes
	 * {@code fake-gemini.attempts} attempts, by default one, a millisecond apart.
	 * @param gemini the fake
	 * @param environment the environment
	 * @return the client
	 */
	@Bean
	Client googleGenAiClient(FakeGemini gemini, Environment environment) {
		int attempts = environment.getProperty("fake-gemini.attempts", Integer.class, 1);
		// The SDK sleeps its back-off after the last failed attempt too: keep it short.
		HttpRetryOptions retries = HttpRetryOptions.builder()
			.attempts(attempts)
			.initialDelay(0.001)
			.maxDelay(0.001)
			.jitter(0.0)
			.build();
		return Client.builder()
			.apiKey("test-key")
			.httpOptions(HttpOptions.builder().baseUrl(gemini.baseUrl()).retryOptions(retries).build())
			.build();
	}

	@Bean
	OpenAiApplication.Client client(ChatClient.Builder chatClientBuilder, Environment environment) {
		return new OpenAiApplication.Client(chatClientBuilder, environment);
	}

}
