package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.RoundUsageAdvisor;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring Boot 4 line's round advisor, with Boot 4's own metrics auto-configurations
 * (moved to {@code org.springframework.boot.micrometer.*}): agent-metrics runs after them,
 * so that there is a registry to record into, and puts the metrics advisor outside Spring
 * AI's tool loop and the round advisor inside it. (That Boot's
 * {@code management.metrics.distribution.*} still has the last word on the buckets is
 * tested on both lines by {@code LlmMetricsAutoConfigurationTests}.)
 */
class LlmRoundMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					PrometheusMetricsExportAutoConfiguration.class, ErrorsAutoConfiguration.class,
					PricingAutoConfiguration.class, LlmMetricsAutoConfiguration.class,
					LlmRoundMetricsAutoConfiguration.class, OpenAiMetricsAutoConfiguration.class));

	@Test
	void runsAfterBootsMetricsAndAddsTheRoundAdvisorInsideSpringAisToolLoop() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(PrometheusMeterRegistry.class)
				.hasSingleBean(LlmMetrics.class)
				.hasSingleBean(RoundUsageAdvisor.class)
				.hasSingleBean(OpenAiUsageReader.class);
			int toolLoop = ToolCallingAdvisor.DEFAULT_ORDER;
			assertThat(context.getBean(LlmMetricsAdvisor.class).getOrder()).isLessThan(toolLoop);
			assertThat(context.getBean(RoundUsageAdvisor.class).getOrder()).isGreaterThan(toolLoop);
		});
	}

	@Test
	void leavesRoundsOutWhenPerRoundUsageIsOff() {
		this.contextRunner.withPropertyValues("agent-metrics.llm.per-round-usage=false")
			.run((context) -> assertThat(context).hasSingleBean(LlmMetricsAdvisor.class)
				.doesNotHaveBean(RoundUsageAdvisor.class));
	}

}
