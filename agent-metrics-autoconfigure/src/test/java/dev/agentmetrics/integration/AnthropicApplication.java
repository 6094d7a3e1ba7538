package dev.agentmetrics.integration;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.anthropic.AnthropicChatOptions;
import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.retry.support.RetryTemplate;

/**
 * An application of the shared Anthropic integration tests on the Boot 3.5 line: Spring
 * AI 1.1.6 serves Anthropic's module but not its Boot starter, so the application builds
 * its {@code AnthropicApi} bean and chat model itself, as users of 1.1.6 do, pointed at a
 * {@link FakeAnthropic}, no web server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class AnthropicApplication {

	/** Whether this line's Anthropic client reads which cache, five-minute or one-hour, a write went to. */
	static final boolean SPLITS_CACHE_WRITES = false;

	@Bean
	AnthropicApi anthropicApi(@Value("${test.anthropic.base-url}") String baseUrl) {
		return AnthropicApi.builder().baseUrl(baseUrl).apiKey("test-key").build();
	}

	@Bean
	AnthropicChatModel anthropicChatModel(AnthropicApi anthropicApi, ToolCallingManager toolCallingManager,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return AnthropicChatModel.builder()
			.anthropicApi(anthropicApi)
			.defaultOptions(AnthropicChatOptions.builder().model(AnthropicPrices.MODEL).maxTokens(1024).build())
			.toolCallingManager(toolCallingManager)
			// Spring AI's default template would retry a 529 ten times, seconds apart.
			.retryTemplate(RetryTemplate.builder().maxAttempts(1).build())
			.observationRegistry(observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP))
			.build();
	}

	/**
	 * Start the application against the given fake.
	 * @param anthropic the fake Anthropic server
	 * @param arguments further properties, as {@code --name=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(FakeAnthropic anthropic, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--test.anthropic.base-url=" + anthropic.baseUrl(),
				// The OpenAI starter is on the test classpath too: no OpenAI model.
				"--spring.ai.model.chat=anthropic", "--spring.ai.model.embedding=none",
				"--spring.ai.openai.api-key=unused"));
		all.addAll(AnthropicPrices.PROPERTIES);
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(AnthropicApplication.class).web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
	}

}
