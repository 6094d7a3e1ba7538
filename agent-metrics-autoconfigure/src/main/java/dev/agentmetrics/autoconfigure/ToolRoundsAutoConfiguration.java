package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.ToolRoundsBeanPostProcessor;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of what agent-metrics reads where Spring AI 1.1's chat models run the
 * tools of their internal tool loops: each round's usage, told to its call before the
 * tools run, so that the spend budgets count every round at once and can stop the loop
 * there, and so that Anthropic's rounds count with their cache reads and writes.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ ToolCallingManager.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
public class ToolRoundsAutoConfiguration {

	private static final String PER_ROUND_USAGE_PROPERTY = "agent-metrics.llm.per-round-usage";

	@Bean
	@ConditionalOnMissingBean
	public static ToolRoundsBeanPostProcessor agentMetricsToolRoundsBeanPostProcessor(
			ObjectProvider<UsageReader> usageReaders, Environment environment) {
		return new ToolRoundsBeanPostProcessor(usageReaders,
				environment.getProperty(PER_ROUND_USAGE_PROPERTY, Boolean.class, true));
	}

}
