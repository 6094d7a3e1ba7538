package dev.agentmetrics.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class InvalidAgentMetricsPropertyFailureAnalyzerTests {

	@Test
	void describesInconsistentLoopDetectionSettings(CapturedOutput output) {
		failToStart(null, "agent-metrics.loop-detection.max-repeats=9");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.loop-detection.max-repeats' has the value '9'")
			.contains("Set 'agent-metrics.loop-detection.max-repeats' to between 2 and "
					+ "agent-metrics.loop-detection.window-size (8).");
	}

	@Test
	void describesABadPriceWithoutABeanValidationProvider(CapturedOutput output) {
		failToStart(new FilteredClassLoader("jakarta.validation"), "agent-metrics.pricing.models.acme.input=-2",
				"agent-metrics.pricing.models.acme.output=1");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Set 'agent-metrics.pricing.models.[acme].input' to a number of USD per million tokens, "
					+ "zero or more.");
	}

	@Test
	void leavesBadValuesCaughtByBeanValidationToBootsOwnDescription(CapturedOutput output) {
		failToStart(null, "agent-metrics.max-tag-values=0");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Origin: \"agent-metrics.max-tag-values\"")
			.contains("Reason: agent-metrics.max-tag-values must be at least 1");
	}

	private static void failToStart(ClassLoader classLoader, String... properties) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties(properties);
		if (classLoader != null) {
			builder.resourceLoader(new DefaultResourceLoader(classLoader));
		}
		assertThatException().isThrownBy(builder::run);
	}

	@Test
	void analyzesOnlyItsOwnException() {
		assertThat(new InvalidAgentMetricsPropertyFailureAnalyzer().analyze(new IllegalStateException("other")))
			.isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ErrorsAutoConfiguration.class, PricingAutoConfiguration.class,
			ToolMetricsAutoConfiguration.class,
			org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration.class })
	static class App {

		@Bean
		MeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
