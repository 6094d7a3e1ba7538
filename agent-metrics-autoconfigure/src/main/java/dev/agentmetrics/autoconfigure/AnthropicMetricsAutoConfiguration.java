package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.anthropic.AnthropicStreamErrorReader;
import dev.agentmetrics.llm.anthropic.AnthropicUsageReader;

import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what agent-metrics reads from Spring AI 1.1's Anthropic client:
 * its native usage (cache reads and writes), also of each round of a tool loop, which
 * {@link ToolRoundsAutoConfiguration} reads where the tools are called, and the status of
 * its streams' failures.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ AnthropicApi.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
public class AnthropicMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public AnthropicUsageReader agentMetricsAnthropicUsageReader() {
		return new AnthropicUsageReader();
	}

	@Bean
	@ConditionalOnMissingBean
	public AnthropicStreamErrorReader agentMetricsAnthropicStreamErrorReader() {
		return new AnthropicStreamErrorReader();
	}

}
