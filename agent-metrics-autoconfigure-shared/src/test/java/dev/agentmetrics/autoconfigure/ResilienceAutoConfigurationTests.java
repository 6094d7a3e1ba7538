package dev.agentmetrics.autoconfigure;

import java.util.List;

import dev.agentmetrics.resilience.CircuitBreakerAdvisor;
import dev.agentmetrics.resilience.CircuitBreakerStateMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ResilienceAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(BootResilience.circuitBreakers())
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
				LlmMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
				ResilienceAutoConfiguration.class, ChatClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(ChatModel.class, () -> (Prompt prompt) -> new ChatResponse(
				List.of(new Generation(new AssistantMessage("Hi")))));

	@Test
	void wrapsChatClientCallsInABreakerAndWatchesEveryBreaker() {
		this.contextRunner.withPropertyValues("agent-metrics.circuit-breaker.instance=llm").run((context) -> {
			assertThat(context).hasSingleBean(CircuitBreakerAdvisor.class)
				.hasSingleBean(CircuitBreakerStateMetrics.class)
				.hasSingleBean(ResilienceAutoConfiguration.CircuitBreakerChatClientCustomizer.class);
			context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
			CircuitBreaker breaker = context.getBean(CircuitBreakerRegistry.class).circuitBreaker("llm");
			assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isOne();
		});
	}

	@Test
	void leavesCallsUnwrappedWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.circuit-breaker.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CircuitBreakerAdvisor.class)
				.hasSingleBean(CircuitBreakerStateMetrics.class);
			context.getBean(ChatClient.Builder.class).build().prompt("Hi").call().content();
			assertThat(context.getBean(CircuitBreakerRegistry.class).getAllCircuitBreakers()).isEmpty();
		});
	}

	@Test
	void usesTheUsersAdvisor() {
		this.contextRunner
			.withBean("myBreakerAdvisor", CircuitBreakerAdvisor.class,
					() -> CircuitBreakerAdvisor.builder(CircuitBreakerRegistry.ofDefaults(), (error) -> null)
						.order(5)
						.build())
			.run((context) -> assertThat(context).hasSingleBean(CircuitBreakerAdvisor.class)
				.hasBean("myBreakerAdvisor"));
	}

	@Test
	void backsOffWithoutResilience4j() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CircuitBreakerRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerAdvisor.class)
				.doesNotHaveBean(CircuitBreakerStateMetrics.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerAdvisor.class)
				.doesNotHaveBean(CircuitBreakerStateMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(BootResilience.circuitBreakers())
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, ResilienceAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(CircuitBreakerStateMetrics.class));
	}

}
