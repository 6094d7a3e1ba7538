package dev.agentmetrics.autoconfigure;

import java.util.List;

import com.google.genai.errors.ClientException;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.UsageReader;
import dev.agentmetrics.llm.google.GoogleGenAiErrorReader;
import dev.agentmetrics.llm.google.GoogleGenAiUsageReader;
import org.junit.jupiter.api.Test;

import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What both lines read from Spring AI's Google GenAI client: Gemini's usage metadata and
 * the status of the Google GenAI SDK's exceptions.
 */
class GoogleGenAiMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.googleGenAi();

	@Test
	void readsGeminisUsageAndTheSdksErrorsByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GoogleGenAiUsageReader.class).hasSingleBean(GoogleGenAiErrorReader.class);
			assertThat(context.getBeanProvider(UsageReader.class).orderedStream().toList())
				.containsExactly(context.getBean(GoogleGenAiUsageReader.class));
			// The classifier reads the SDK's status inside Spring AI's wrapper.
			assertThat(context.getBean(ErrorClassifier.class)
				.classify(new RuntimeException("Failed to generate content",
						new ClientException(429, "Too Many Requests", "Resource has been exhausted."))))
				.isEqualTo(ErrorKind.RATE_LIMIT);
		});
	}

	@Test
	void worksWithoutSpringAisGoogleGenAiClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(GoogleGenAiUsage.class))
			.run((context) -> assertThat(context).hasSingleBean(LlmMetricsAdvisor.class)
				.doesNotHaveBean(GoogleGenAiUsageReader.class)
				.doesNotHaveBean(GoogleGenAiErrorReader.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(GoogleGenAiUsageReader.class)
				.doesNotHaveBean(GoogleGenAiErrorReader.class));
	}

	@Test
	void backsOffFromReadersOfTheApplications() {
		GoogleGenAiUsageReader usageReader = new GoogleGenAiUsageReader();
		GoogleGenAiErrorReader errorReader = new GoogleGenAiErrorReader();
		this.contextRunner.withBean(GoogleGenAiUsageReader.class, () -> usageReader)
			.withBean(GoogleGenAiErrorReader.class, () -> errorReader)
			.run((context) -> assertThat(List.of(context.getBean(GoogleGenAiUsageReader.class),
					context.getBean(GoogleGenAiErrorReader.class)))
				.containsExactly(usageReader, errorReader));
	}

}
