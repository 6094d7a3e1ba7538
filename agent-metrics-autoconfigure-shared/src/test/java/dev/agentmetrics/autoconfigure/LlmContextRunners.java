package dev.agentmetrics.autoconfigure;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Context runners of the LLM auto-configurations, for the tests of both lines.
 */
final class LlmContextRunners {

	private LlmContextRunners() {
	}

	/**
	 * Return a runner of the auto-configurations that measure ChatClient calls and read
	 * the line's OpenAI client, with a simple meter registry.
	 * @return the runner
	 */
	static ApplicationContextRunner openAi() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class);
	}

	/**
	 * Return a runner of the auto-configurations that measure ChatClient calls and read
	 * Spring AI's Google GenAI client, with a simple meter registry.
	 * @return the runner
	 */
	static ApplicationContextRunner googleGenAi() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class, GoogleGenAiMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class);
	}

}
