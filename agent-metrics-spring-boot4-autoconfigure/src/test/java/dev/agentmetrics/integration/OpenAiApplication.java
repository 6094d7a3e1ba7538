package dev.agentmetrics.integration;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application of the Boot 4 line's integration tests: everything auto-configured, Spring
 * AI's OpenAI client pointed at a {@link FakeOpenAi}, no web server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OpenAiApplication {

	private static final String MAX_RETRIES = "--spring.ai.openai.max-retries=";

	/**
	 * Start the application against the given fake, with the SDK's retries off unless the
	 * arguments set them.
	 * @param openAi the fake OpenAI server
	 * @param arguments further properties, as {@code --name=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(FakeOpenAi openAi, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--spring.ai.openai.api-key=test-key",
				"--spring.ai.openai.base-url=" + openAi.baseUrl() + "/v1",
				"--spring.ai.openai.chat.options.model=gpt-4o-mini",
				// The Ollama starter is on the test classpath too (OllamaRetryIntegrationTests).
				"--spring.ai.model.chat=openai", "--spring.ai.model.embedding=openai"));
		all.addAll(List.of(arguments));
		if (all.stream().noneMatch((argument) -> argument.startsWith(MAX_RETRIES))) {
			all.add(MAX_RETRIES + "0");
		}
		return new SpringApplicationBuilder(OpenAiApplication.class).web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
	}

	/** A tool the fake model calls. */
	static class WeatherTools {

		private final String weather;

		WeatherTools(String weather) {
			this.weather = weather;
		}

		@Tool(description = "The weather in a city")
		String getWeather(String city) {
			return this.weather + " in " + city;
		}

	}

}
