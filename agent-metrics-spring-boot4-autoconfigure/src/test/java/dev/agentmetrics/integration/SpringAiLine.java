package dev.agentmetrics.integration;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.agentmetrics.integration.FakeGemini.UsageMetadata;
import dev.agentmetrics.llm.TokenUsage;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the shared integration tests need to know about Spring AI 2.0, its OpenAI client
 * (the official OpenAI SDK) and its Google GenAI client (whose tool loops the
 * {@code ToolCallingAdvisor} runs), the same API as the Boot 3.5 line's
 * {@code SpringAiLine}.
 */
final class SpringAiLine {

	/**
	 * Whether the span of a streaming request always carries the round's cached and
	 * reasoning tokens. Not on Spring AI 2.0: {@code ChatModelStreamAdvisor} hands the
	 * model's chunks to the advisors on another thread ({@code publishOn}), so the model's
	 * observation may end before the advisor that reads each round sees the chunk with the
	 * usage; the span then has Spring AI's aggregated prompt and completion tokens only.
	 */
	static final boolean STREAM_SPANS_EXACT = false;

	/** The prefix of Boot's properties of the OTLP span exporter on this line. */
	static final String OTLP_TRACING_PROPERTIES = "management.opentelemetry.tracing.export.otlp";

	private SpringAiLine() {
	}

	/**
	 * Point the OpenAI client at the given fake, with the SDK retrying a call that failed
	 * with a server error or a rate limit (among others) the given number of times, after
	 * its own back-off of half a second and more.
	 * @param registry the test's dynamic properties
	 * @param openAi the fake OpenAI server
	 * @param retries the retries of each call
	 */
	static void pointAt(DynamicPropertyRegistry registry, FakeOpenAi openAi, int retries) {
		// The SDK appends /chat/completions to a base URL that names the API version.
		registry.add("spring.ai.openai.base-url", () -> openAi.baseUrl() + "/v1");
		registry.add("spring.ai.openai.max-retries", () -> retries);
	}

	/**
	 * Give the request portable options (not OpenAI's) that name the given model: 2.0 takes their builder.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec portableOptions(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(ChatOptions.builder().model(model));
	}

	/**
	 * Give the request OpenAI's options naming the given model.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec openAiModel(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(OpenAiChatOptions.builder().model(model));
	}

	/**
	 * Return the input tokens Spring AI's own {@code gen_ai_client_token_usage_total}
	 * counts for a tool loop whose rounds were billed the given prompt tokens: 2.0 counts
	 * each round once, as billed.
	 * @param rounds the prompt tokens billed for each round
	 * @return the input tokens Spring AI counts
	 */
	static int springAiInputTokens(int... rounds) {
		return IntStream.of(rounds).sum();
	}

	/**
	 * Give the request Google GenAI's options naming the given model.
	 * @param request the request
	 * @param model the model
	 * @return the request
	 */
	static ChatClient.ChatClientRequestSpec geminiModel(ChatClient.ChatClientRequestSpec request, String model) {
		return request.options(GoogleGenAiChatOptions.builder().model(model));
	}

	/**
	 * Return what agent-metrics records of a Gemini tool loop, blocking or streaming, whose
	 * rounds Gemini answered with the given usage: on Spring AI 2.0 every round as Google
	 * billed it. {@code ToolCallingAdvisor} runs the loop in the advisor chain, and
	 * agent-metrics' {@code RoundUsageAdvisor}, next to the model, reads each round's own
	 * {@code GoogleGenAiUsage}, cached, thought and tool-use prompt tokens included.
	 * @param rounds the usage Gemini reported for each round
	 * @return the billed requests as recorded
	 */
	static List<TokenUsage> geminiToolLoopRequests(UsageMetadata... rounds) {
		return Stream.of(rounds).map(GeminiIntegrationTests::billed).toList();
	}

}
