package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import java.time.Duration;
import java.util.List;

import dev.agentmetrics.support.FailedCallHistogramsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void registersTheDefaultClassifierAndErrorMetrics() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ErrorMetrics.class)
			.getBean(ErrorClassifier.class)
			.isInstanceOf(DefaultErrorClassifier.class));
	}

	@Test
	void leavesFailedCallsWithTheInfiniteBucketOnlyEvenWhenBootAsksForPercentileHistograms() {
		ApplicationContextRunner withBootMetrics = new ApplicationContextRunner()
			.withConfiguration(BootMetrics.prometheus())
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class))
			.withPropertyValues("management.metrics.distribution.percentiles-histogram.agent=true");
		withBootMetrics.run((context) -> {
			assertThat(context).hasSingleBean(FailedCallHistogramsMeterFilter.class);
			String scrape = recordASuccessAndAFailure(context.getBean(PrometheusMeterRegistry.class));
			assertThat(scrape.lines().filter((line) -> line.startsWith("agent_llm_requests_seconds_bucket{error=\"rate_limit\"")))
				.singleElement()
				.asString()
				.contains("le=\"+Inf\"");
			assertThat(scrape.lines().filter((line) -> line.startsWith("agent_llm_requests_seconds_bucket{error=\"none\"")))
				.hasSizeGreaterThan(20);
		});
		withBootMetrics.withPropertyValues("agent-metrics.failed-call-histograms=true").run((context) -> {
			assertThat(context).doesNotHaveBean(FailedCallHistogramsMeterFilter.class);
			String scrape = recordASuccessAndAFailure(context.getBean(PrometheusMeterRegistry.class));
			assertThat(scrape.lines().filter((line) -> line.startsWith("agent_llm_requests_seconds_bucket{error=\"rate_limit\"")))
				.hasSizeGreaterThan(20);
		});
	}

	private static String recordASuccessAndAFailure(PrometheusMeterRegistry registry) {
		for (String outcome : List.of("success", "error")) {
			Timer.builder("agent.llm.requests")
				.tag("outcome", outcome)
				.tag("error", outcome.equals("success") ? "none" : "rate_limit")
				.register(registry)
				.record(Duration.ofMillis(800));
		}
		return registry.scrape();
	}

	@Test
	void boundsTagValuesToTheConfiguredNumber() {
		this.contextRunner.withPropertyValues("agent-metrics.max-tag-values=2").run((context) -> {
			TagValueLimiter.Limit limit = context.getBean(TagValueLimiter.class).limit("agent.llm", "model");
			assertThat(List.of(limit.apply("a"), limit.apply("b"), limit.apply("c"), limit.apply("a")))
				.containsExactly("a", "b", "other", "a");
		});
	}

	@Test
	void failsToStartWithAMaxTagValuesBelowOne() {
		this.contextRunner.withPropertyValues("agent-metrics.max-tag-values=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("agent-metrics.max-tag-values must be at least 1"));
	}

	@Test
	void usesTheUsersClassifier() {
		ErrorClassifier mine = (error) -> ErrorKind.NETWORK;
		this.contextRunner.withBean(ErrorClassifier.class, () -> mine)
			.run((context) -> assertThat(context.getBean(ErrorClassifier.class)).isSameAs(mine));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ErrorClassifier.class)
				.doesNotHaveBean(ErrorMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ErrorMetrics.class));
	}

}
