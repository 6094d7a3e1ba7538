package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.autoconfigure.ErrorsAutoConfiguration;
import dev.agentmetrics.autoconfigure.LlmMetricsAutoConfiguration;
import dev.agentmetrics.autoconfigure.OpenAiMetricsAutoConfiguration;
import dev.agentmetrics.autoconfigure.PricingAutoConfiguration;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionMessage;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionMessage.Role;
import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionRequest;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the starter asks OpenAI for the usage of streaming requests: per streaming request,
 * unless the application set {@code spring.ai.openai.chat.options.stream-usage} itself.
 */
class StreamUsageTests {

	private final FakeOpenAi openAi = FakeOpenAi.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				LlmMetricsAutoConfiguration.class,
				OpenAiMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(OpenAiApi.class, () -> OpenAiApi.builder().baseUrl(this.openAi.baseUrl()).apiKey("test").build());

	@AfterEach
	void stopFake() {
		this.openAi.close();
	}

	@Test
	void asksForTheUsageOfStreamingRequests() {
		this.contextRunner.run((context) -> {
			stream(context.getBean(OpenAiApi.class));
			assertThat(this.openAi.requests().get(0).path("stream_options").path("include_usage").asBoolean())
				.isTrue();
		});
	}

	@Test
	void leavesBlockingRequestsAlone() {
		this.contextRunner.run((context) -> {
			this.openAi.enqueue(Reply.text("Hi").usage(1, 1));
			context.getBean(OpenAiApi.class).chatCompletionEntity(request(false));
			assertThat(this.openAi.requests().get(0).has("stream_options")).isFalse();
		});
	}

	@Test
	void leavesAnExplicitStreamUsageSettingAlone() {
		this.contextRunner.withPropertyValues("spring.ai.openai.chat.options.stream-usage=false").run((context) -> {
			stream(context.getBean(OpenAiApi.class));
			assertThat(this.openAi.requests().get(0).has("stream_options")).isFalse();
		});
	}

	@Test
	void leavesStreamsAloneWhenPerRoundUsageIsOff() {
		this.contextRunner.withPropertyValues("agent-metrics.llm.per-round-usage=false").run((context) -> {
			stream(context.getBean(OpenAiApi.class));
			assertThat(this.openAi.requests().get(0).has("stream_options")).isFalse();
		});
	}

	private void stream(OpenAiApi api) {
		this.openAi.enqueue(Reply.text("Hello there").usage(5, 2));
		assertThat(api.chatCompletionStream(request(true)).collectList().block()).isNotEmpty();
	}

	private static ChatCompletionRequest request(boolean stream) {
		return new ChatCompletionRequest(List.of(new ChatCompletionMessage("Hi", Role.USER)), "gpt-4o-mini", 0.7,
				stream);
	}

}
