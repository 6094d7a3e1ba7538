package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.tool.ToolMetrics;
import dev.agentmetrics.tool.ToolMetricsBeanPostProcessor;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of tool-call metrics and tool-loop detection: decorates Spring AI's
 * {@code ToolCallingManager} and {@code ToolCallbackResolver} so that every tool call is
 * recorded, and the default histogram of tool-call latency.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = ErrorsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass({ MeterRegistry.class, ToolCallingManager.class })
@ConditionalOnBean({ MeterRegistry.class, ErrorClassifier.class, ErrorMetrics.class })
@ConditionalOnAgentMetricsEnabled
@ConditionalOnBooleanProperty(name = "agent-metrics.tools.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ AgentMetricsProperties.class, ToolMetricsProperties.class,
		LoopDetectionProperties.class })
public class ToolMetricsAutoConfiguration {

	/** Bean name of the filter giving tool-call timers their default histogram. */
	public static final String METER_FILTER_BEAN_NAME = "agentMetricsToolHistogramDefaults";

	@Bean
	@ConditionalOnMissingBean
	public ToolMetrics agentMetricsToolMetrics(MeterRegistry registry, ErrorClassifier errorClassifier,
			ErrorMetrics errorMetrics, LoopDetectionProperties loopDetection, AgentMetricsProperties properties,
			ApplicationEventPublisher eventPublisher, ObjectProvider<TagValueLimiter> tagValueLimiter) {
		return new ToolMetrics(registry, errorClassifier, errorMetrics, loopDetection.toLoopDetection(),
				properties.getDefaultAgent(), eventPublisher, tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited));
	}

	@Bean
	@ConditionalOnMissingBean
	public static ToolMetricsBeanPostProcessor agentMetricsToolMetricsBeanPostProcessor(
			ObjectProvider<ToolMetrics> toolMetrics) {
		return new ToolMetricsBeanPostProcessor(toolMetrics);
	}

	@Bean(METER_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = METER_FILTER_BEAN_NAME)
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	public static HistogramDefaultsMeterFilter agentMetricsToolHistogramDefaults(Environment environment) {
		return new HistogramDefaultsMeterFilter(DefaultBuckets.tools(), HistogramSettings.turnedOff(environment));
	}

}
