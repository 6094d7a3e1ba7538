package dev.agentmetrics.autoconfigure;

import java.util.List;

import dev.agentmetrics.llm.ProviderResolver;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class ProviderAutoConfigurationTests {

	private static final ChatModel ANSWERING = (Prompt prompt) -> new ChatResponse(
			List.of(new Generation(new AssistantMessage("Hi"))));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootResilience.circuitBreakers())
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				ProviderAutoConfiguration.class, LlmMetricsAutoConfiguration.class, ResilienceAutoConfiguration.class,
				ChatClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void fallsBackToTheProviderOfTheOnlyChatModel() {
		this.contextRunner.withBean(OpenAiChatModel.class, () -> mock(OpenAiChatModel.class)).run((context) -> {
			ProviderResolver providers = context.getBean(ProviderResolver.class);
			assertThat(providers.provider(ChatOptions.builder().build())).isEqualTo("openai");
		});
	}

	@Test
	void namesTheOpenAiClientAfterTheProviderOfTheCompatibleEndpointItIsPointedAt() {
		this.contextRunner.withBean(OpenAiChatModel.class, () -> mock(OpenAiChatModel.class))
			.withPropertyValues("spring.ai.openai.base-url=https://api.deepseek.com")
			.run((context) -> {
				ProviderResolver providers = context.getBean(ProviderResolver.class);
				assertThat(providers.provider(ChatOptions.builder().build())).isEqualTo("deepseek");
				assertThat(providers.name("openai")).isEqualTo("deepseek");
			});
	}

	@Test
	void knowsNoFallbackWithSeveralChatModels() {
		this.contextRunner.withBean(OpenAiChatModel.class, () -> mock(OpenAiChatModel.class))
			.withBean("other", ChatModel.class, () -> ANSWERING)
			.run((context) -> assertThat(
					context.getBean(ProviderResolver.class).provider(ChatOptions.builder().build()))
				.isEqualTo("unknown"));
	}

	@Test
	void namesTheProviderOfMetricsAndCircuitBreakerWithTheUsersResolver() {
		this.contextRunner.withBean(ChatModel.class, () -> ANSWERING)
			.withBean(ProviderResolver.class, () -> new ProviderResolver("acme"))
			.run((context) -> {
				assertThat(context).hasSingleBean(ProviderResolver.class);
				context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
				assertThat(context.getBean(MeterRegistry.class)
					.get("agent.llm.requests")
					.tag("provider", "acme")
					.timer()
					.count()).isOne();
				assertThat(context.getBean(CircuitBreakerRegistry.class)
					.circuitBreaker("acme")
					.getMetrics()
					.getNumberOfSuccessfulCalls()).isOne();
			});
	}

	@Test
	void backsOffWhenAgentMetricsIsDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ProviderResolver.class));
	}

}
