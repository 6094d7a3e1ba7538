package dev.agentmetrics.sample;

import dev.agentmetrics.llm.ProviderResolver;
import dev.agentmetrics.sample.simulator.SimulatorProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's profiles for real providers on Spring Boot 4 start with that provider's
 * chat model alone, its simulator and traffic off, and agent-metrics naming the provider.
 * No request is made: the keys are placeholders.
 */
class SampleProfilesTests {

	@ParameterizedTest
	@CsvSource({ "anthropic, org.springframework.ai.anthropic.AnthropicChatModel, anthropic, claude-haiku-4-5",
			"gemini, org.springframework.ai.google.genai.GoogleGenAiChatModel, google_genai, gemini-2.5-flash",
			"openai, org.springframework.ai.openai.OpenAiChatModel, openai, gpt-4o-mini" })
	void startsWithTheProvidersChatModelAndTheSimulatorOff(String profile, String modelType, String provider,
			String model) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.profiles(profile)
			.run("--server.port=0", "--ANTHROPIC_API_KEY=placeholder", "--GEMINI_API_KEY=placeholder",
					"--OPENAI_API_KEY=placeholder")) {
			assertThat(context.getBeansOfType(ChatModel.class).values()).singleElement()
				.satisfies((chatModel) -> assertThat(chatModel.getClass().getName()).isEqualTo(modelType))
				.satisfies((chatModel) -> assertThat(chatModel.getDefaultOptions().getModel()).isEqualTo(model));
			assertThat(context.getBean(SimulatorProperties.class).enabled()).isFalse();
			assertThat(context.getEnvironment().getProperty("sample.traffic.enabled")).isEqualTo("false");
			assertThat(context.getBean(ProviderResolver.class).provider(ChatOptions.builder().build()))
				.isEqualTo(provider);
		}
	}

}
