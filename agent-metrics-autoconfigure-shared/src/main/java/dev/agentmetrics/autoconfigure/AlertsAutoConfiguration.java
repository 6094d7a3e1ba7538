package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.alert.WebhookAlertListener;
import dev.agentmetrics.alert.WebhookAlerts;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of alerts pushed to a webhook, active when
 * {@code agent-metrics.alerts.webhook.url} is set: budget thresholds, tool loops and
 * circuit breakers opening and closing, delivered asynchronously.
 *
 * @author agent-metrics
 */
@AutoConfiguration(afterName = { BootAutoConfigurations.METRICS_3, BootAutoConfigurations.METRICS_4,
		BootAutoConfigurations.COMPOSITE_REGISTRY_3, BootAutoConfigurations.COMPOSITE_REGISTRY_4 })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnAgentMetricsEnabled
@ConditionalOnProperty("agent-metrics.alerts.webhook.url")
@EnableConfigurationProperties(AlertsProperties.class)
public class AlertsAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	public WebhookAlerts agentMetricsWebhookAlerts(AlertsProperties properties, MeterRegistry registry) {
		return new WebhookAlerts(new WebhookAlerts.Settings(properties.getUrl(), properties.getHeaders(),
				properties.getFormat(), properties.getQueueCapacity(), properties.getMaxAttempts(),
				properties.getInitialBackoff(), properties.getTimeout()), registry);
	}

	@Bean
	@ConditionalOnMissingBean
	public WebhookAlertListener agentMetricsWebhookAlertListener(WebhookAlerts alerts) {
		return new WebhookAlertListener(alerts);
	}

}
