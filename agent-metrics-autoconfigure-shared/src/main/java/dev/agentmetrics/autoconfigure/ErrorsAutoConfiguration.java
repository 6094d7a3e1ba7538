package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.error.HttpErrorReader;
import dev.agentmetrics.support.FailedCallHistogramsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of what every meter of agent-metrics shares: error classification,
 * the {@code agent.errors} counter, the bounds of tag values
 * ({@code agent-metrics.max-tag-values}), and failed calls without histogram buckets
 * ({@code agent-metrics.failed-call-histograms}).
 *
 * @author agent-metrics
 */
@AutoConfiguration(afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
		BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnAgentMetricsEnabled
@EnableConfigurationProperties(AgentMetricsProperties.class)
public class ErrorsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ErrorClassifier agentMetricsErrorClassifier(ObjectProvider<HttpErrorReader> httpErrorReaders) {
		return new DefaultErrorClassifier(httpErrorReaders.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	public ErrorMetrics agentMetricsErrorMetrics(MeterRegistry registry) {
		return new ErrorMetrics(registry);
	}

	@Bean
	@ConditionalOnMissingBean
	public TagValueLimiter agentMetricsTagValueLimiter(AgentMetricsProperties properties) {
		return new TagValueLimiter(properties.getMaxTagValues());
	}

	/**
	 * Failed calls without buckets. Ordered after Spring Boot's properties filter (order 0),
	 * so that {@code management.metrics.distribution.*} settings shape the buckets of
	 * successful calls only; filters of the application's own come later still.
	 * @return the filter
	 */
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "agent-metrics.failed-call-histograms", havingValue = false,
			matchIfMissing = true)
	@Order(100)
	public static FailedCallHistogramsMeterFilter agentMetricsFailedCallHistogramsMeterFilter() {
		return new FailedCallHistogramsMeterFilter();
	}

}
