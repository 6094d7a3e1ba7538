package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.openai.OpenAiRoundUsageBeanPostProcessor;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of what agent-metrics reads from Spring AI 1.1's OpenAI client: its
 * native usage (cached and reasoning tokens), and every billed round of a call through a
 * proxy of the {@code OpenAiApi} bean.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ OpenAiApi.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
public class OpenAiMetricsAutoConfiguration {

	private static final String STREAM_USAGE_PROPERTY = "spring.ai.openai.chat.options.stream-usage";

	@Bean
	@ConditionalOnMissingBean
	public OpenAiUsageReader agentMetricsOpenAiUsageReader() {
		return new OpenAiUsageReader();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "agent-metrics.llm.per-round-usage", matchIfMissing = true)
	public static OpenAiRoundUsageBeanPostProcessor agentMetricsOpenAiRoundUsageBeanPostProcessor(
			Environment environment) {
		// An explicit stream-usage setting, true or false, is the user's to make.
		return new OpenAiRoundUsageBeanPostProcessor(!environment.containsProperty(STREAM_USAGE_PROPERTY));
	}

}
