package dev.agentmetrics.autoconfigure;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code spring.ai.openai.chat.options.stream-usage} default to {@code true}:
 * without it OpenAI reports no usage for streaming calls, and their tokens and cost would
 * be lost. Only a default: any value the application sets wins.
 *
 * @author agent-metrics
 */
public class StreamUsageEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "agentMetricsDefaults";

	static final String STREAM_USAGE = "spring.ai.openai.chat.options.stream-usage";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("agent-metrics.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		// Last, so that every other source, application.yml included, takes precedence.
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of(STREAM_USAGE, "true")));
	}

	@Override
	public int getOrder() {
		// After the application's config data is loaded, so that addLast really is last.
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

}
