package dev.agentmetrics.autoconfigure;

import com.openai.models.completions.CompletionUsage;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.openai.OpenAiSdkErrorReader;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what agent-metrics reads from Spring AI 2.0's OpenAI client: its
 * native usage, the OpenAI SDK's {@link CompletionUsage}, with cached and reasoning tokens,
 * and the status and error code of the SDK's exceptions.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ CompletionUsage.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
public class OpenAiMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public OpenAiUsageReader agentMetricsOpenAiUsageReader() {
		return new OpenAiUsageReader();
	}

	@Bean
	@ConditionalOnMissingBean
	public OpenAiSdkErrorReader agentMetricsOpenAiSdkErrorReader() {
		return new OpenAiSdkErrorReader();
	}

}
