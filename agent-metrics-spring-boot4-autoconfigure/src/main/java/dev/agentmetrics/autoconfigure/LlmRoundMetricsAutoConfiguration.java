package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.RoundUsageAdvisor;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link RoundUsageAdvisor} on Spring AI 2.0, added to every
 * ChatClient built from Spring AI's {@code ChatClient.Builder}, so that the tokens and cost
 * of a call are the sum of what each round of its tool loop billed, cached and reasoning
 * tokens included.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class, beforeName = BootAutoConfigurations.CHAT_CLIENT)
@ConditionalOnClass({ ChatClient.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
@ConditionalOnBooleanProperty(name = "agent-metrics.llm.per-round-usage", matchIfMissing = true)
public class LlmRoundMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public RoundUsageAdvisor agentMetricsRoundUsageAdvisor(LlmMetrics metrics) {
		return new RoundUsageAdvisor(metrics, RoundUsageAdvisor.DEFAULT_ORDER);
	}

	@Bean
	@ConditionalOnMissingBean
	public RoundUsageChatClientCustomizer agentMetricsRoundUsageChatClientCustomizer(RoundUsageAdvisor advisor) {
		return new RoundUsageChatClientCustomizer(advisor);
	}

	/**
	 * Adds the round usage advisor to every ChatClient built from Spring AI's
	 * {@code ChatClient.Builder}.
	 */
	public static class RoundUsageChatClientCustomizer extends AdvisorChatClientCustomizer {

		RoundUsageChatClientCustomizer(RoundUsageAdvisor advisor) {
			super(advisor);
		}

	}

}
