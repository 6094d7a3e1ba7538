package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.integration.FakeGemini.UsageMetadata;
import dev.agentmetrics.llm.TokenUsage;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the shared integration tests need to know about Spring AI 1.1, its OpenAI client
 * ({@code OpenAiApi} over Spring's HTTP clients) and its Google GenAI client (whose chat
 * model runs tool loops itself), the same API as the Boot 4 line's {@code SpringAiLine}.
 */
final class SpringAiLine {

	/**
	 * Whether the span of a streaming request always carries the round's cached and
	 * reasoning tokens: on Spring AI 1.1 the provider API's chunks are read inside the
	 * model's observation.
	 */
	static final boolean STREAM_SPANS_EXACT = true;

	/** The prefix of Boot's properties of the OTLP span exporter on this line. */
	static final String OTLP_TRACING_PROPERTIES = "management.otlp.tracing";

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

	/**
	 * Give the request Google GenAI's options naming the given model.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec geminiModel(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(GoogleGenAiChatOptions.builder().model(model).build());
	}

	/**
	 * Return what agent-metrics records of a Gemini tool loop, blocking or streaming, whose
	 * rounds Gemini answered with the given usage: on Spring AI 1.1 one billed request of
	 * the rounds' summed prompt and candidates tokens, without cached, thought or tool-use
	 * prompt tokens. {@code GoogleGenAiChatModel} runs the loop itself and, from the second
	 * round on, merges the usage into a plain {@code DefaultUsage}
	 * ({@code UsageCalculator.getCumulativeUsage}) without Gemini's usage metadata, and a
	 * ChatClient advisor sees only the merged usage of the last round: the details of every
	 * round are lost, and the cached tokens are priced as input.
	 * @param rounds the usage Gemini reported for each round
	 * @return the billed requests as recorded
	 */
	static List<TokenUsage> geminiToolLoopRequests(UsageMetadata... rounds) {
		long prompt = 0;
		long candidates = 0;
		for (UsageMetadata round : rounds) {
			prompt += round.promptTokenCount();
			candidates += round.candidatesTokenCount();
		}
		return List.of(new TokenUsage(prompt, candidates, 0, 0, 0));
	}

}
