package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of error classification and the
 * {@code agent.errors} counter.
 *
 * @author agent-metrics
 */
@AutoConfiguration(afterName = { "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
		"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "agent-metrics.enabled", matchIfMissing = true)
public class ErrorsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ErrorClassifier agentMetricsErrorClassifier() {
		return new DefaultErrorClassifier();
	}

	@Bean
	@ConditionalOnMissingBean
	public ErrorMetrics agentMetricsErrorMetrics(MeterRegistry registry) {
		return new ErrorMetrics(registry);
	}

}
