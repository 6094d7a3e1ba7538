package dev.agentmetrics.autoconfigure;

import java.util.List;

import dev.agentmetrics.resilience.RetryMetrics;
import io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.retry.support.RetryTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * Retries counted through spring-retry's {@code RetryTemplate}, which only the Spring AI
 * 1.1 line uses.
 */
class RetryMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(CircuitBreakerAutoConfiguration.class, ErrorsAutoConfiguration.class,
				PricingAutoConfiguration.class, LlmMetricsAutoConfiguration.class,
				OpenAiMetricsAutoConfiguration.class, ResilienceAutoConfiguration.class,
				RetryMetricsAutoConfiguration.class, ChatClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(RetryTemplate.class, () -> mock(RetryTemplate.class))
		.withBean(ChatModel.class, () -> (Prompt prompt) -> new ChatResponse(
				List.of(new Generation(new AssistantMessage("Hi")))));

	@Test
	void countsRetriesOfEveryRetryTemplate() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RetryMetrics.class));
	}

	@Test
	void countsNoRetriesWithoutSpringRetry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RetryTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RetryMetrics.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RetryMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, RetryMetricsAutoConfiguration.class))
			.withBean(RetryTemplate.class, () -> mock(RetryTemplate.class))
			.run((context) -> assertThat(context).doesNotHaveBean(RetryMetrics.class));
	}

}
