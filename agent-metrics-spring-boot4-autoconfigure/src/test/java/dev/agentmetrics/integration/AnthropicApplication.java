package dev.agentmetrics.integration;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application of the shared Anthropic integration tests on the Boot 4 line: Spring AI
 * 2.0's Anthropic starter (the official Anthropic SDK), pointed at a {@link FakeAnthropic},
 * no web server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class AnthropicApplication {

	/** Whether this line's Anthropic client reads which cache, five-minute or one-hour, a write went to. */
	static final boolean SPLITS_CACHE_WRITES = true;

	/**
	 * Start the application against the given fake, with the SDK's own retries off.
	 * @param anthropic the fake Anthropic server
	 * @param arguments further properties, as {@code --name=value}
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(FakeAnthropic anthropic, String... arguments) {
		List<String> all = new ArrayList<>(List.of("--spring.ai.model.chat=anthropic",
				"--spring.ai.anthropic.base-url=" + anthropic.baseUrl(), "--spring.ai.anthropic.api-key=test-key",
				"--spring.ai.anthropic.max-retries=0", "--spring.ai.anthropic.chat.model=" + AnthropicPrices.MODEL,
				// The other providers' starters are on the test classpath too.
				"--spring.ai.openai.api-key=unused", "--spring.ai.model.embedding=none"));
		all.addAll(AnthropicPrices.PROPERTIES);
		// A test's own value of a property replaces the default one.
		for (String argument : arguments) {
			String name = argument.substring(0, argument.indexOf('=') + 1);
			all.removeIf((defaultArgument) -> defaultArgument.startsWith(name));
			all.add(argument);
		}
		return new SpringApplicationBuilder(AnthropicApplication.class).web(WebApplicationType.NONE)
			.run(all.toArray(String[]::new));
	}

}
