package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.resilience.RetryMetrics;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.retry.support.RetryTemplate;

/**
 * Auto-configuration of the count of retries of LLM requests: a listener on Spring AI's
 * {@link RetryTemplate} ({@code spring.ai.retry.*}).
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = ErrorsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass({ MeterRegistry.class, RetryTemplate.class })
@ConditionalOnBean({ MeterRegistry.class, ErrorClassifier.class, ErrorMetrics.class })
@ConditionalOnAgentMetricsEnabled
public class RetryMetricsAutoConfiguration {

	/** Bean name of the post-processor registering {@link RetryMetrics} on retry templates. */
	public static final String POST_PROCESSOR_BEAN_NAME = "agentMetricsRetryTemplatePostProcessor";

	@Bean
	@ConditionalOnMissingBean
	public RetryMetrics agentMetricsRetryMetrics(MeterRegistry registry, ErrorClassifier errorClassifier,
			ObjectProvider<TagValueLimiter> tagValueLimiter) {
		return new RetryMetrics(registry, errorClassifier, tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited));
	}

	@Bean(POST_PROCESSOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = POST_PROCESSOR_BEAN_NAME)
	public static BeanPostProcessor agentMetricsRetryTemplatePostProcessor(ObjectProvider<RetryMetrics> retryMetrics) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RetryTemplate retryTemplate) {
					retryTemplate.registerListener(retryMetrics.getObject());
				}
				return bean;
			}
		};
	}

}
