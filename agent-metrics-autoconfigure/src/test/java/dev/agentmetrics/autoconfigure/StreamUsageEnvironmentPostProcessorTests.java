package dev.agentmetrics.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class StreamUsageEnvironmentPostProcessorTests {

	private final StreamUsageEnvironmentPostProcessor postProcessor = new StreamUsageEnvironmentPostProcessor();

	@Test
	void makesStreamUsageDefaultToTrue() {
		MockEnvironment environment = new MockEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.openai.chat.options.stream-usage")).isEqualTo("true");
	}

	@Test
	void leavesAnExplicitValueAlone() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("application",
					Map.of("spring.ai.openai.chat.options.stream-usage", "false")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.openai.chat.options.stream-usage")).isEqualTo("false");
	}

	@Test
	void doesNothingWhenAgentMetricsIsDisabled() {
		MockEnvironment environment = new MockEnvironment().withProperty("agent-metrics.enabled", "false");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("spring.ai.openai.chat.options.stream-usage")).isNull();
	}

}
