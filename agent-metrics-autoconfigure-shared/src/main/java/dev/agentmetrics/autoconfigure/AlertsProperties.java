package dev.agentmetrics.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.agentmetrics.alert.AlertFormat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of alerts pushed to a webhook.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.alerts.webhook")
public class AlertsProperties {

	/**
	 * URL of the webhook that receives alerts: budget thresholds, tool loops and circuit
	 * breakers opening and closing. No alerts are sent when it is not set.
	 */
	private URI url;

	/**
	 * Headers of every request to the webhook, such as a token. Never logged.
	 */
	private final Map<String, String> headers = new LinkedHashMap<>();

	/**
	 * Shape of the messages: "slack" (Slack's incoming webhooks) or "generic" (a JSON object
	 * with the event's fields).
	 */
	private AlertFormat format = AlertFormat.GENERIC;

	/**
	 * How many alerts may wait for delivery; further ones are dropped and counted.
	 */
	private int queueCapacity = 100;

	/**
	 * How many times an alert is tried before it is dropped.
	 */
	private int maxAttempts = 4;

	/**
	 * Pause after the first failed attempt, doubled after each further one.
	 */
	private Duration initialBackoff = Duration.ofSeconds(1);

	/**
	 * Timeout of connecting to the webhook and of each request.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	public URI getUrl() {
		return this.url;
	}

	public void setUrl(URI url) {
		this.url = url;
	}

	public Map<String, String> getHeaders() {
		return this.headers;
	}

	public AlertFormat getFormat() {
		return this.format;
	}

	public void setFormat(AlertFormat format) {
		this.format = format;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		if (queueCapacity < 1) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.alerts.webhook.queue-capacity",
					queueCapacity, "at least 1");
		}
		this.queueCapacity = queueCapacity;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		if (maxAttempts < 1) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.alerts.webhook.max-attempts", maxAttempts,
					"at least 1");
		}
		this.maxAttempts = maxAttempts;
	}

	public Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
