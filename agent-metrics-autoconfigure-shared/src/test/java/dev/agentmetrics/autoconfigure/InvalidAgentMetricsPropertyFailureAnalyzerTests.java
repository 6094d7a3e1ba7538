package dev.agentmetrics.autoconfigure;

import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
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

	@ParameterizedTest(name = "{0}")
	@MethodSource("validationSetups")
	void describesABadPriceTheSameWhateverBeanValidationTheApplicationHas(String setup, ClassLoader classLoader,
			CapturedOutput output) {
		failToStart(classLoader, "agent-metrics.pricing.models.acme.input=-2",
				"agent-metrics.pricing.models.acme.output=1");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Set 'agent-metrics.pricing.models.[acme].input' to a number of USD per million tokens, "
					+ "zero or more.");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validationSetups")
	void describesATagLimitBelowOneTheSameWhateverBeanValidationTheApplicationHas(String setup,
			ClassLoader classLoader, CapturedOutput output) {
		failToStart(classLoader, "agent-metrics.max-tag-values=0");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.max-tag-values' has the value '0'")
			.contains("Set 'agent-metrics.max-tag-values' to at least 1.");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("validationSetups")
	void startsWhateverBeanValidationTheApplicationHas(String setup, ClassLoader classLoader) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.properties("agent-metrics.max-tag-values=5", "agent-metrics.pricing.models.acme.input=1",
					"agent-metrics.pricing.models.acme.output=2");
		if (classLoader != null) {
			builder.resourceLoader(new DefaultResourceLoader(classLoader));
		}
		try (ConfigurableApplicationContext context = builder.run()) {
			assertThat(context.getBean(AgentMetricsProperties.class).getMaxTagValues()).isEqualTo(5);
		}
	}

	@Test
	void describesAnEmptyDefaultAgent(CapturedOutput output) {
		failToStart(null, "agent-metrics.default-agent= ");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.default-agent' has the value '(empty)'")
			.contains("Set 'agent-metrics.default-agent' to a name.");
	}

	/**
	 * A provider on the classpath; the API alone, which makes Boot validate and fail
	 * without a provider to validate with; neither.
	 */
	static Stream<Arguments> validationSetups() {
		return Stream.of(Arguments.of("a Bean Validation provider", null),
				Arguments.of("the Bean Validation API without a provider",
						new FilteredClassLoader("org.hibernate.validator")),
				Arguments.of("no Bean Validation", new FilteredClassLoader("jakarta.validation")));
	}

	@Test
	void describesAModelNameWithDotsOutsideBrackets(CapturedOutput output) {
		failToStart(null, "agent-metrics.pricing.models.gpt-4.1.input=2");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.pricing.models.gpt-4.1.input' has the value '2'")
			.contains("write a model name that contains dots in brackets, such as "
					+ "'agent-metrics.pricing.models.[gpt-4.1].input'");
	}

	@Test
	void describesAMisspeltPriceField(CapturedOutput output) {
		failToStart(null, "agent-metrics.pricing.models.acme.input=1", "agent-metrics.pricing.models.acme.output=2",
				"agent-metrics.pricing.models.acme.cache-reed=0.5");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.pricing.models.acme.cache-reed' has the value '0.5'")
			.contains("Use agent-metrics.pricing.models.<model>.input, .output, .cache-read, .cache-write, "
					+ ".cache-write-1h, .reasoning or .long-context.(threshold|input|output|...)");
	}

	@Test
	void describesAPriceFileThatCannotBeReadWithTheReason(CapturedOutput output) {
		failToStart(null, "agent-metrics.pricing.file=classpath:missing-prices.json");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The agent-metrics property 'agent-metrics.pricing.file' has the value "
					+ "'classpath:missing-prices.json', which cannot be used: classpath resource not found: "
					+ "missing-prices.json.")
			.contains("Make 'agent-metrics.pricing.file' name a readable price file in the format of LiteLLM's "
					+ "model_prices_and_context_window.json, or remove it to price from the configured and built-in "
					+ "prices alone.");
	}

	@Test
	void describesAnUnknownLoopActionWithTheValidValues(CapturedOutput output) {
		failToStart(null, "agent-metrics.loop-detection.action=explode");
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Property: agent-metrics.loop-detection.action")
			.contains("Value: \"explode\"")
			.containsPattern("The following values are valid:\\s+BLOCK\\s+RECORD");
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
