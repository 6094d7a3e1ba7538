package dev.agentmetrics.autoconfigure;

import java.time.Duration;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.RoundUsageAdvisor;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import io.micrometer.core.instrument.MeterRegistry;
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
 * The Spring Boot 4 line's auto-configurations, with Boot 4's own metrics
 * auto-configurations (moved to {@code org.springframework.boot.micrometer.*}): they run
 * after Boot's, so that there is a registry to record into, and Boot's
 * {@code management.metrics.distribution.*} still has the last word on the buckets.
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

	@Test
	void givesRequestTimersTheirBucketsThatBootPropertiesReplaceOrTurnOff() {
		this.contextRunner.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(MeterRegistry.class),
				context.getBean(LlmMetrics.class)))
			.contains("agent_llm_requests_seconds_bucket{", "le=\"0.35\"", "le=\"120.0\""));
		this.contextRunner.withPropertyValues("management.metrics.distribution.slo.agent.llm.requests=1s,5s")
			.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(MeterRegistry.class),
					context.getBean(LlmMetrics.class)))
				.contains("le=\"1.0\"", "le=\"5.0\"")
				.doesNotContain("le=\"0.35\""));
		this.contextRunner
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.agent.llm.requests=false")
			.run((context) -> assertThat(scrapeAfterOneCall(context.getBean(MeterRegistry.class),
					context.getBean(LlmMetrics.class)))
				.contains("agent_llm_requests_seconds_count{")
				.doesNotContain("agent_llm_requests_seconds_bucket"));
	}

	private static String scrapeAfterOneCall(MeterRegistry registry, LlmMetrics metrics) {
		LlmCall call = metrics.start("support", "openai", "gpt-4o-mini", false);
		metrics.success(call, null);
		return ((PrometheusMeterRegistry) registry).scrape();
	}

}
