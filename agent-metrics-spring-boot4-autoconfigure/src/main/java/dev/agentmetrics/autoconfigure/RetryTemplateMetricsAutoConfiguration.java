package dev.agentmetrics.autoconfigure;

import java.util.List;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.resilience.LlmRetryMeters;
import dev.agentmetrics.resilience.RetryTemplateMetrics;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.support.CompositeRetryListener;

/**
 * Auto-configuration of the count of retries of LLM requests made through Spring Framework
 * 7's {@link RetryTemplate}: Spring AI 2.0's retry template ({@code spring.ai.retry.*}),
 * which its Ollama, Mistral AI, DeepSeek and Google GenAI chat models use.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = ErrorsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.METRICS_4, BootAutoConfigurations.COMPOSITE_REGISTRY_4,
				RetryTemplateMetricsAutoConfiguration.SPRING_AI_RETRY })
@ConditionalOnClass({ MeterRegistry.class, RetryTemplate.class })
@ConditionalOnBean({ MeterRegistry.class, ErrorClassifier.class })
@ConditionalOnAgentMetricsEnabled
public class RetryTemplateMetricsAutoConfiguration {

	/** Bean name of the post-processor adding {@link RetryTemplateMetrics} to retry templates. */
	public static final String POST_PROCESSOR_BEAN_NAME = "agentMetricsCoreRetryTemplatePostProcessor";

	/** Spring AI's {@code SpringAiRetryAutoConfiguration}, which defines the template. */
	static final String SPRING_AI_RETRY = "org.springframework.ai.retry.autoconfigure.SpringAiRetryAutoConfiguration";

	@Bean
	@ConditionalOnMissingBean
	public RetryTemplateMetrics agentMetricsRetryTemplateMetrics(MeterRegistry registry,
			ErrorClassifier errorClassifier, ObjectProvider<TagValueLimiter> tagValueLimiter) {
		return new RetryTemplateMetrics(
				new LlmRetryMeters(registry, tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited)),
				errorClassifier);
	}

	@Bean(POST_PROCESSOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = POST_PROCESSOR_BEAN_NAME)
	public static BeanPostProcessor agentMetricsCoreRetryTemplatePostProcessor(
			ObjectProvider<RetryTemplateMetrics> retryMetrics) {
		return new RetryTemplatePostProcessor(retryMetrics);
	}

	/**
	 * Adds the metrics listener to every {@link RetryTemplate} bean, after the listener it
	 * already has: a template holds one listener, and Spring AI's logs each retry.
	 */
	static final class RetryTemplatePostProcessor implements BeanPostProcessor {

		private final ObjectProvider<RetryTemplateMetrics> retryMetrics;

		RetryTemplatePostProcessor(ObjectProvider<RetryTemplateMetrics> retryMetrics) {
			this.retryMetrics = retryMetrics;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof RetryTemplate retryTemplate) {
				RetryListener existing = retryTemplate.getRetryListener();
				// A new composite rather than adding to an existing one, which other
				// templates may share.
				retryTemplate
					.setRetryListener(new CompositeRetryListener(List.of(existing, this.retryMetrics.getObject())));
			}
			return bean;
		}

	}

}
