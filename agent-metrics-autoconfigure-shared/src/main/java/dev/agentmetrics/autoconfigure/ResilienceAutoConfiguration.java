package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.ProviderResolver;
import dev.agentmetrics.resilience.CircuitBreakerAdvisor;
import dev.agentmetrics.resilience.CircuitBreakerStateMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of Resilience4j circuit breakers: state gauges and transition counters
 * for every breaker of the application's {@link CircuitBreakerRegistry}, and the
 * {@link CircuitBreakerAdvisor} around every ChatClient call.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = { ErrorsAutoConfiguration.class, ProviderAutoConfiguration.class },
		afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
				BootAutoConfigurations.COMPOSITE_REGISTRY_3,
				BootAutoConfigurations.COMPOSITE_REGISTRY_4,
				BootAutoConfigurations.CIRCUIT_BREAKER_3,
				BootAutoConfigurations.CIRCUIT_BREAKER_4 })
@ConditionalOnClass({ MeterRegistry.class, CircuitBreakerRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, CircuitBreakerRegistry.class, ErrorClassifier.class, ErrorMetrics.class })
@ConditionalOnAgentMetricsEnabled
@EnableConfigurationProperties(CircuitBreakerProperties.class)
public class ResilienceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public CircuitBreakerStateMetrics agentMetricsCircuitBreakerStateMetrics(CircuitBreakerRegistry circuitBreakers,
			MeterRegistry registry, ApplicationEventPublisher eventPublisher) {
		return new CircuitBreakerStateMetrics(circuitBreakers, registry, eventPublisher);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ChatClient.class)
	@ConditionalOnBooleanProperty(name = "agent-metrics.circuit-breaker.enabled", matchIfMissing = true)
	static class CircuitBreakerAdvisorConfiguration {

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerAdvisor agentMetricsCircuitBreakerAdvisor(CircuitBreakerRegistry circuitBreakers,
				ErrorClassifier errorClassifier, CircuitBreakerProperties properties,
				ObjectProvider<ProviderResolver> providers, ListableBeanFactory beanFactory) {
			return CircuitBreakerAdvisor.builder(circuitBreakers, errorClassifier)
				.recordKinds(properties.getRecordKinds())
				.instance(properties.getInstance())
				.providerResolver(providers
					.getIfAvailable(() -> ProviderAutoConfiguration.defaultProviderResolver(beanFactory)))
				.order(properties.getAdvisorOrder())
				.build();
		}

		@Bean
		@ConditionalOnMissingBean
		CircuitBreakerChatClientCustomizer agentMetricsCircuitBreakerChatClientCustomizer(
				CircuitBreakerAdvisor advisor) {
			return new CircuitBreakerChatClientCustomizer(advisor);
		}

	}

	/**
	 * Adds the circuit-breaker advisor to every ChatClient built from Spring AI's
	 * {@code ChatClient.Builder}.
	 */
	public static class CircuitBreakerChatClientCustomizer extends AdvisorChatClientCustomizer {

		CircuitBreakerChatClientCustomizer(CircuitBreakerAdvisor advisor) {
			super(advisor);
		}

	}

}
