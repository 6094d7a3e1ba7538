package dev.agentmetrics.autoconfigure;

import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * Spring Boot 4's own metrics auto-configurations, for the tests both lines share.
 */
final class BootMetrics {

	private BootMetrics() {
	}

	/**
	 * Return the auto-configurations of Boot's Prometheus registry.
	 * @return the auto-configurations
	 */
	static AutoConfigurations prometheus() {
		return AutoConfigurations.of(MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				PrometheusMetricsExportAutoConfiguration.class);
	}

}
