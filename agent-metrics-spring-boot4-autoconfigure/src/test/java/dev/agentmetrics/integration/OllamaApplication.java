package dev.agentmetrics.integration;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application of the Boot 4 line's integration tests whose chat model is Spring AI's
 * Ollama client, pointed at a {@link FakeOllama}, no web server: the client that retries
 * through Spring AI's {@code RetryTemplate}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OllamaApplication {

	/**
	 * Start the application against the given fake, retrying after 1 ms back-offs.
	 * @param ollama the fake Ollama server
	 * @param arguments further properties, as {@code --name=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(FakeOllama ollama, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--spring.ai.model.chat=ollama",
				"--spring.ai.model.embedding=ollama", "--spring.ai.ollama.base-url=" + ollama.baseUrl(),
				"--spring.ai.ollama.chat.options.model=llama3.2", "--spring.ai.retry.backoff.initial-interval=1ms",
				"--spring.ai.retry.backoff.multiplier=1", "--spring.ai.retry.backoff.max-interval=1ms",
				// The OpenAI starter is on the test classpath too: its other models need a key.
				"--spring.ai.openai.api-key=unused"));
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(OllamaApplication.class).web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
	}

}
