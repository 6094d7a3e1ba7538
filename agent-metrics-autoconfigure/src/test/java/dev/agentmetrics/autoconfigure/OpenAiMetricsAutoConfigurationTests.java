package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.openai.OpenAiRoundUsageBeanPostProcessor;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import org.junit.jupiter.api.Test;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Boot 3.5 line reads from Spring AI 1.1's OpenAI client: its native usage, and
 * every round through a proxy of the {@code OpenAiApi} bean.
 */
class OpenAiMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.openAi();

	@Test
	void readsOpenAisUsageAndRoundsByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(OpenAiUsageReader.class)
			.hasSingleBean(OpenAiRoundUsageBeanPostProcessor.class));
	}

	@Test
	void proxiesTheOpenAiApiBeanToReadEveryRoundsUsage() {
		this.contextRunner
			.withBean(OpenAiApi.class, () -> OpenAiApi.builder().baseUrl("http://127.0.0.1:1").apiKey("test").build())
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(OpenAiApi.class))).isTrue());
	}

	@Test
	void leavesTheOpenAiApiBeanAloneWhenPerRoundUsageIsOff() {
		this.contextRunner.withPropertyValues("agent-metrics.llm.per-round-usage=false")
			.withBean(OpenAiApi.class, () -> OpenAiApi.builder().baseUrl("http://127.0.0.1:1").apiKey("test").build())
			.run((context) -> assertThat(AopUtils.isAopProxy(context.getBean(OpenAiApi.class))).isFalse());
	}

	@Test
	void worksWithoutSpringAiOpenAi() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OpenAiApi.class))
			.run((context) -> assertThat(context).hasSingleBean(LlmMetricsAdvisor.class)
				.doesNotHaveBean(OpenAiUsageReader.class)
				.doesNotHaveBean(OpenAiRoundUsageBeanPostProcessor.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(OpenAiUsageReader.class)
				.doesNotHaveBean(OpenAiRoundUsageBeanPostProcessor.class));
	}

}
