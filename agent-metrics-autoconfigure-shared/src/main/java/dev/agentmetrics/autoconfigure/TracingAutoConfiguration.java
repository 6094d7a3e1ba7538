package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.run.AgentRunObservationConvention;
import dev.agentmetrics.run.AgentRunObservations;
import dev.agentmetrics.tracing.AgentRunMeterObservationHandler;
import dev.agentmetrics.tracing.AgentRunObservationHandler;
import dev.agentmetrics.tracing.AgentRunSpanFilter;
import dev.agentmetrics.tracing.ChatModelSpanFilter;
import dev.agentmetrics.tracing.ToolSpanFilter;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;

import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.tool.observation.ToolCallingObservationContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Auto-configuration of traces, active when the application has a Micrometer
 * {@link Tracer} (Boot's tracing with an OpenTelemetry or Brave bridge): an
 * {@code invoke_agent} span per agent run, parent of the run's LLM and tool spans, and
 * tokens, cost and tool-call ids on Spring AI's own spans. Without a tracer nothing here
 * exists and the metrics are the same.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.OBSERVATION_3, BootAutoConfigurations.OBSERVATION_4,
				BootAutoConfigurations.TRACING_3, BootAutoConfigurations.OTEL_TRACING_3,
				BootAutoConfigurations.BRAVE_TRACING_3, BootAutoConfigurations.TRACING_4,
				BootAutoConfigurations.OTEL_TRACING_4, BootAutoConfigurations.BRAVE_TRACING_4 })
@ConditionalOnClass({ Tracer.class, ObservationRegistry.class })
@ConditionalOnBean({ Tracer.class, ObservationRegistry.class })
@ConditionalOnAgentMetricsEnabled
@ConditionalOnBooleanProperty(name = "agent-metrics.tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TracingProperties.class)
public class TracingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public AgentRunObservations agentMetricsAgentRunObservations(ObservationRegistry observationRegistry,
			Tracer tracer, ObjectProvider<AgentRunObservationConvention> convention) {
		// Boot's no-op tracer, defined when no bridge is, makes no spans: runs need no
		// observation then.
		return new AgentRunObservations((tracer != Tracer.NOOP) ? observationRegistry : ObservationRegistry.NOOP,
				convention.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public AgentRunMeterObservationHandler agentMetricsAgentRunMeterObservationHandler() {
		return new AgentRunMeterObservationHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	public AgentRunObservationHandler agentMetricsAgentRunObservationHandler() {
		return new AgentRunObservationHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	public AgentRunSpanFilter agentMetricsAgentRunSpanFilter() {
		return new AgentRunSpanFilter();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatModelObservationContext.class)
	@ConditionalOnBean(LlmMetrics.class)
	static class ChatModelSpanConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ChatModelSpanFilter agentMetricsChatModelSpanFilter(LlmMetrics metrics, TracingProperties properties) {
			return new ChatModelSpanFilter(metrics, properties.isCaptureContent());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ToolCallingObservationContext.class)
	static class ToolSpanConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ToolSpanFilter agentMetricsToolSpanFilter(TracingProperties properties) {
			return new ToolSpanFilter(properties.isCaptureContent());
		}

	}

}
