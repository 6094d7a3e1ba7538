package dev.agentmetrics.integration;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the shared integration tests need to know about Spring AI 1.1 and its OpenAI
 * client ({@code OpenAiApi} over Spring's HTTP clients), the same API as the Boot 4 line's
 * {@code SpringAiLine}.
 */
final class SpringAiLine {

	private SpringAiLine() {
	}

	/**
	 * Point the OpenAI client at the given fake, with Spring AI's {@code RetryTemplate}
	 * retrying a call that failed with a server error or a rate limit the given number of
	 * times, after a back-off of milliseconds.
	 * @param registry the test's dynamic properties
	 * @param openAi the fake OpenAI server
	 * @param retries the retries of each call
	 */
	static void pointAt(DynamicPropertyRegistry registry, FakeOpenAi openAi, int retries) {
		// OpenAiApi appends /v1/chat/completions itself.
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
		registry.add("spring.ai.retry.max-attempts", () -> retries + 1);
		registry.add("spring.ai.retry.backoff.initial-interval", () -> "1ms");
		registry.add("spring.ai.retry.backoff.multiplier", () -> 2);
		registry.add("spring.ai.retry.backoff.max-interval", () -> "4ms");
		// Like the OpenAI SDK of the other line: rate limits too, not only server errors.
		registry.add("spring.ai.retry.on-http-codes", () -> "429");
	}

	/**
	 * Give the request portable options (not OpenAI's) that name the given model: 1.1 takes the options built.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec portableOptions(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(ChatOptions.builder().model(model).build());
	}

	/**
	 * Give the request OpenAI's options naming the given model.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec openAiModel(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(OpenAiChatOptions.builder().model(model).build());
	}

	/**
	 * Return the input tokens Spring AI's own {@code gen_ai_client_token_usage_total}
	 * counts for a tool loop whose rounds were billed the given prompt tokens: 1.1 records
	 * every round's cumulative usage, so it counts the first round once per round.
	 * @param rounds the prompt tokens billed for each round
	 * @return the input tokens Spring AI counts
	 */
	static int springAiInputTokens(int... rounds) {
		int cumulative = 0;
		int counted = 0;
		for (int round : rounds) {
			cumulative += round;
			counted += cumulative;
		}
		return counted;
	}

}
