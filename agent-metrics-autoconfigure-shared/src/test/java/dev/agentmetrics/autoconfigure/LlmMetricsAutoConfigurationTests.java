package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LlmMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.openAi();

	@Test
	void registersTheAdvisorAndItsCustomizerByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(LlmMetrics.class)
				.hasSingleBean(LlmMetricsAdvisor.class)
				.hasSingleBean(LlmMetricsAutoConfiguration.LlmMetricsChatClientCustomizer.class);
			assertThat(context.getBean(LlmMetricsAdvisor.class).getOrder()).isEqualTo(LlmMetricsAdvisor.DEFAULT_ORDER);
		});
	}

	@Test
	void addsTheAdvisorToChatClientsBuiltFromBootsBuilder() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(ChatClientAutoConfiguration.class))
			.withBean(ChatModel.class, () -> (Prompt prompt) -> new ChatResponse(
					java.util.List.of(new Generation(new AssistantMessage("Hi there")))))
			.withPropertyValues("agent-metrics.default-agent=assistant")
			.run((context) -> {
				ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
				assertThat(chatClient.prompt("Hi").call().content()).isEqualTo("Hi there");
				chatClient.prompt("Hi").advisors((a) -> a.param(AgentMetrics.AGENT, "support")).call().content();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("agent.llm.requests").tag("agent", "assistant").timer().count()).isOne();
				assertThat(registry.get("agent.llm.requests").tag("agent", "support").timer().count()).isOne();
			});
	}

	@Test
	void appliesTheConfiguredAdvisorOrder() {
		this.contextRunner.withPropertyValues("agent-metrics.llm.advisor-order=42")
			.run((context) -> assertThat(context.getBean(LlmMetricsAdvisor.class).getOrder()).isEqualTo(42));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmMetrics.class)
				.doesNotHaveBean(LlmMetricsAdvisor.class));
	}

	@Test
	void backsOffWhenLlmMetricsAreDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.llm.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LlmMetricsAdvisor.class)
				.hasBean("agentMetricsPriceTable"));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LlmMetrics.class)
				.doesNotHaveBean(LlmMetricsAdvisor.class));
	}

	@Test
	void backsOffWithoutSpringAiChatClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ChatClient.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LlmMetrics.class)
				.doesNotHaveBean(LlmMetricsAdvisor.class)
				.hasBean("agentMetricsPriceTable"));
	}

	@Test
	void usesTheUsersAdvisor() {
		this.contextRunner
			.withBean("myAdvisor", LlmMetricsAdvisor.class,
					() -> LlmMetricsAdvisor.builder(org.mockito.Mockito.mock(LlmMetrics.class)).order(7).build())
			.run((context) -> {
				assertThat(context).hasSingleBean(LlmMetricsAdvisor.class).hasBean("myAdvisor");
				assertThat(context.getBean(LlmMetricsAdvisor.class).getOrder()).isEqualTo(7);
			});
	}

	@Test
	void givesRequestTimersBucketsThatBootPropertiesCanReplaceRefineOrTurnOff() {
		ApplicationContextRunner withBootMetrics = new ApplicationContextRunner()
			.withConfiguration(BootMetrics.prometheus())
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
					LlmMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class,
					ChatClientAutoConfiguration.class))
			.withBean(ChatModel.class, () -> (Prompt prompt) -> new ChatResponse(
					java.util.List.of(new Generation(new AssistantMessage("Hi there")))));
		withBootMetrics.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(PrometheusMeterRegistry.class),
				context.getBean(ChatClient.Builder.class).build()))
			.contains("agent_llm_requests_seconds_bucket{agent=\"default\"", "le=\"0.1\"", "le=\"0.35\"",
					"le=\"120.0\"")
			.doesNotContain("le=\"0.089478485\"", "le=\"137.438953471\""));
		withBootMetrics.withPropertyValues("management.metrics.distribution.slo.agent.llm.requests=1s,5s")
			.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(PrometheusMeterRegistry.class),
					context.getBean(ChatClient.Builder.class).build()))
				.contains("le=\"1.0\"", "le=\"5.0\"")
				.doesNotContain("le=\"0.35\"", "le=\"120.0\""));
		withBootMetrics
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.agent.llm.requests=true")
			.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(PrometheusMeterRegistry.class),
					context.getBean(ChatClient.Builder.class).build()))
				.contains("le=\"0.35\"", "le=\"0.089478485\""));
		withBootMetrics.withPropertyValues("management.metrics.distribution.percentiles-histogram.agent.llm.requests=false")
			.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(PrometheusMeterRegistry.class),
					context.getBean(ChatClient.Builder.class).build()))
				.contains("agent_llm_requests_seconds_count{agent=\"default\"")
				.doesNotContain("agent_llm_requests_seconds_bucket"));
	}

	private static String scrapeAfterOneCall(PrometheusMeterRegistry registry, ChatClient chatClient) {
		chatClient.prompt("Hi").call().content();
		return registry.scrape();
	}

}
