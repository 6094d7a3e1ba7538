package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.ProviderResolver;
import dev.agentmetrics.llm.UsageReader;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the metrics of ChatClient calls: the {@link LlmMetricsAdvisor},
 * added to every ChatClient built from Spring AI's {@code ChatClient.Builder}, and its
 * histogram defaults.
 *
 * @author agent-metrics
 */
@AutoConfiguration(
		after = { PricingAutoConfiguration.class, ErrorsAutoConfiguration.class, ProviderAutoConfiguration.class },
		afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4,
				BootAutoConfigurations.OBSERVATION_3,
				BootAutoConfigurations.OBSERVATION_4 },
		beforeName = BootAutoConfigurations.CHAT_CLIENT)
@ConditionalOnClass({ MeterRegistry.class, ChatClient.class })
@ConditionalOnBean({ MeterRegistry.class, PriceTable.class, ErrorClassifier.class, ErrorMetrics.class })
@ConditionalOnAgentMetricsEnabled
@ConditionalOnBooleanProperty(name = "agent-metrics.llm.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AgentMetricsProperties.class, LlmMetricsProperties.class })
public class LlmMetricsAutoConfiguration {

	/** Bean name of the filter giving LLM timers their default histograms. */
	public static final String METER_FILTER_BEAN_NAME = "agentMetricsLlmHistogramDefaults";

	@Bean
	@ConditionalOnMissingBean
	public LlmMetrics agentMetricsLlmMetrics(MeterRegistry registry, PriceTable priceTable,
			ErrorClassifier errorClassifier, ErrorMetrics errorMetrics, ObjectProvider<UsageReader> usageReaders,
			ObjectProvider<TagValueLimiter> tagValueLimiter) {
		return new LlmMetrics(registry, priceTable, errorClassifier, errorMetrics,
				usageReaders.orderedStream().toList(), tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited));
	}

	@Bean
	@ConditionalOnMissingBean
	public LlmMetricsAdvisor agentMetricsLlmAdvisor(LlmMetrics metrics, AgentMetricsProperties properties,
			LlmMetricsProperties llmProperties, ObjectProvider<ProviderResolver> providers,
			ListableBeanFactory beanFactory) {
		return LlmMetricsAdvisor.builder(metrics)
			.defaultAgent(properties.getDefaultAgent())
			.providerResolver(
					providers.getIfAvailable(() -> ProviderAutoConfiguration.defaultProviderResolver(beanFactory)))
			.order(llmProperties.getAdvisorOrder())
			.build();
	}

	@Bean
	@ConditionalOnMissingBean
	public LlmMetricsChatClientCustomizer agentMetricsChatClientCustomizer(LlmMetricsAdvisor advisor) {
		return new LlmMetricsChatClientCustomizer(advisor);
	}

	@Bean(METER_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = METER_FILTER_BEAN_NAME)
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	public static HistogramDefaultsMeterFilter agentMetricsLlmHistogramDefaults(Environment environment) {
		return new HistogramDefaultsMeterFilter(DefaultBuckets.llm(), HistogramSettings.turnedOff(environment));
	}

	/**
	 * Adds the metrics advisor to every ChatClient built from Spring AI's
	 * {@code ChatClient.Builder}.
	 */
	public static class LlmMetricsChatClientCustomizer extends AdvisorChatClientCustomizer {

		LlmMetricsChatClientCustomizer(LlmMetricsAdvisor advisor) {
			super(advisor);
		}

	}

}
