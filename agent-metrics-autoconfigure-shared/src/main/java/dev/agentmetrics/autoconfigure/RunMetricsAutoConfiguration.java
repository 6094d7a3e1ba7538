package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.run.AgentRunAspect;
import dev.agentmetrics.run.AgentRunObservations;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import org.aspectj.lang.annotation.Aspect;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of agent runs: the {@link AgentRuns} API, the
 * {@link dev.agentmetrics.AgentRun @AgentRun} advice when AspectJ is present, and the
 * histogram defaults of run meters.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = ErrorsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ MeterRegistry.class, ErrorClassifier.class, ErrorMetrics.class })
@ConditionalOnAgentMetricsEnabled
@ConditionalOnBooleanProperty(name = "agent-metrics.runs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RunMetricsProperties.class)
public class RunMetricsAutoConfiguration {

	/** Bean name of the filter giving run meters their default histograms. */
	public static final String METER_FILTER_BEAN_NAME = "agentMetricsRunHistogramDefaults";

	@Bean
	@ConditionalOnMissingBean
	public RunMetrics agentMetricsRunMetrics(MeterRegistry registry, ErrorClassifier errorClassifier,
			ErrorMetrics errorMetrics, ApplicationEventPublisher eventPublisher,
			ObjectProvider<TagValueLimiter> tagValueLimiter) {
		return new RunMetrics(registry, errorClassifier, errorMetrics, eventPublisher,
				tagValueLimiter.getIfAvailable(TagValueLimiter::unlimited));
	}

	@Bean
	@ConditionalOnMissingBean
	public AgentRuns agentMetricsAgentRuns(RunMetrics runMetrics, ObjectProvider<AgentRunObservations> observations) {
		return new AgentRuns(runMetrics, observations.getIfAvailable());
	}

	@Bean(METER_FILTER_BEAN_NAME)
	@ConditionalOnMissingBean(name = METER_FILTER_BEAN_NAME)
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	public static HistogramDefaultsMeterFilter agentMetricsRunHistogramDefaults(Environment environment) {
		return new HistogramDefaultsMeterFilter(DefaultBuckets.runs(), HistogramSettings.turnedOff(environment));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Aspect.class)
	static class AspectConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AgentRunAspect agentMetricsAgentRunAspect(AgentRuns agentRuns) {
			return new AgentRunAspect(agentRuns);
		}

	}

}
