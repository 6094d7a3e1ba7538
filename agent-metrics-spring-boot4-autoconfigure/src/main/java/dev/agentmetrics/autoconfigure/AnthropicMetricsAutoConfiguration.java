package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.anthropic.AnthropicSdkErrorReader;
import dev.agentmetrics.llm.anthropic.AnthropicUsageReader;
import dev.agentmetrics.resilience.LlmRetryMeters;
import dev.agentmetrics.resilience.SdkRetryMetrics;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of what agent-metrics reads from Spring AI 2.0's Anthropic client:
 * its native usage, the Anthropic SDK's, with cache reads, cache writes (five-minute and
 * one-hour) and thinking tokens, the status of the SDK's exceptions, and the SDK's
 * retries.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ com.anthropic.models.messages.Usage.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
@EnableConfigurationProperties(AgentMetricsProperties.class)
public class AnthropicMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public AnthropicUsageReader agentMetricsAnthropicUsageReader() {
		return new AnthropicUsageReader();
	}

	@Bean
	@ConditionalOnMissingBean
	public AnthropicSdkErrorReader agentMetricsAnthropicSdkErrorReader() {
		return new AnthropicSdkErrorReader();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(AnthropicHttpClientBuilderCustomizer.class)
	static class SdkRetriesConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentMetricsAnthropicSdkRetryMetrics")
		SdkRetryMetrics agentMetricsAnthropicSdkRetryMetrics(MeterRegistry registry, ErrorClassifier errorClassifier,
				AgentMetricsProperties properties, ObjectProvider<TagValueLimiter> tagValueLimiter) {
			return new SdkRetryMetrics(
					new LlmRetryMeters(registry, tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited)),
					errorClassifier, properties.getDefaultAgent(), "anthropic");
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentMetricsAnthropicHttpClientBuilderCustomizer")
		AnthropicHttpClientBuilderCustomizer agentMetricsAnthropicHttpClientBuilderCustomizer(
				@Qualifier("agentMetricsAnthropicSdkRetryMetrics") SdkRetryMetrics retryMetrics) {
			return (builder) -> builder.interceptor(retryMetrics);
		}

	}

}
