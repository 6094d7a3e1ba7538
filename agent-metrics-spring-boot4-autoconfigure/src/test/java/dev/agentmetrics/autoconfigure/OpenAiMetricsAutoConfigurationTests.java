package dev.agentmetrics.autoconfigure;

import com.openai.models.completions.CompletionUsage;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.openai.OpenAiSdkErrorReader;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Boot 4 line reads from Spring AI 2.0's OpenAI client, the OpenAI SDK: its
 * native usage and the status of its exceptions.
 */
class OpenAiMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.openAi();

	@Test
	void readsTheSdksUsageAndErrorsByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenAiUsageReader.class)
			.hasSingleBean(OpenAiSdkErrorReader.class));
	}

	@Test
	void worksWithoutTheOpenAiSdk() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CompletionUsage.class))
			.run((context) -> assertThat(context).hasSingleBean(LlmMetricsAdvisor.class)
				.doesNotHaveBean(OpenAiUsageReader.class)
				.doesNotHaveBean(OpenAiSdkErrorReader.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiUsageReader.class)
				.doesNotHaveBean(OpenAiSdkErrorReader.class));
	}

}
