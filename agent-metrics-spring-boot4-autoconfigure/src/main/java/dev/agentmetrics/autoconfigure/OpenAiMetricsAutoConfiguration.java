package dev.agentmetrics.autoconfigure;

import com.openai.models.completions.CompletionUsage;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.ProviderResolver;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.llm.openai.OpenAiSdkErrorReader;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.resilience.LlmRetryMeters;
import dev.agentmetrics.resilience.SdkRetryMetrics;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.beans.factory.ListableBeanFactory;
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
 * Auto-configuration of what agent-metrics reads from Spring AI 2.0's OpenAI client: its
 * native usage, the OpenAI SDK's {@link CompletionUsage}, with cached and reasoning tokens,
 * the status and error code of the SDK's exceptions, and the SDK's retries.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ CompletionUsage.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
@EnableConfigurationProperties(AgentMetricsProperties.class)
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(OpenAiHttpClientBuilderCustomizer.class)
	static class SdkRetriesConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "agentMetricsOpenAiSdkRetryMetrics")
		SdkRetryMetrics agentMetricsOpenAiSdkRetryMetrics(MeterRegistry registry, ErrorClassifier errorClassifier,
				AgentMetricsProperties properties, ObjectProvider<TagValueLimiter> tagValueLimiter,
				ObjectProvider<ProviderResolver> providers, ListableBeanFactory beanFactory) {
			// The provider an OpenAI-compatible endpoint is, as the calls' own tag names it.
			ProviderResolver resolver = providers
				.getIfAvailable(() -> ProviderAutoConfiguration.defaultProviderResolver(beanFactory));
			return new SdkRetryMetrics(
					new LlmRetryMeters(registry, tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited)),
					errorClassifier, properties.getDefaultAgent(), resolver.name("openai"));
		}

		@Bean
		@ConditionalOnMissingBean(name = "agentMetricsOpenAiHttpClientBuilderCustomizer")
		OpenAiHttpClientBuilderCustomizer agentMetricsOpenAiHttpClientBuilderCustomizer(
				@Qualifier("agentMetricsOpenAiSdkRetryMetrics") SdkRetryMetrics retryMetrics) {
			return (builder) -> builder.interceptor(retryMetrics);
		}

	}

}
