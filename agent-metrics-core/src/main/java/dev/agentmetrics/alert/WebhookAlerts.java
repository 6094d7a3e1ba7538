package dev.agentmetrics.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Delivers alerts to a webhook: from a bounded queue, on a daemon thread of its own, each
 * alert retried with exponential back-off until it is accepted or its attempts are spent.
 * Sending never blocks or fails the caller; what the queue cannot hold and what the
 * webhook never accepted are dropped and counted ({@code agent.alerts.dropped}). Logs
 * name the webhook by its scheme and host only: its path, query and headers often hold
 * the secret.
 *
 * @author agent-metrics
 */
public class WebhookAlerts implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WebhookAlerts.class);

	private final URI url;

	private final String safeName;

	private final Map<String, String> headers;

	private final AlertFormat format;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration timeout;

	private final BlockingQueue<Alert> queue;

	private final HttpClient http;

	private final Counter delivered;

	private final Counter queueFull;

	private final Counter undeliverable;

	private final Thread worker;

	private volatile boolean closed;

	/**
	 * Create a sender and start its thread.
	 * @param settings where and how to send
	 * @param registry the registry of its meters
	 */
	public WebhookAlerts(Settings settings, MeterRegistry registry) {
		this.url = settings.url();
		this.safeName = this.url.getScheme() + "://" + this.url.getHost();
		this.headers = Map.copyOf(settings.headers());
		this.format = settings.format();
		this.maxAttempts = settings.maxAttempts();
		this.initialBackoff = settings.initialBackoff();
		this.timeout = settings.timeout();
		this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
		this.http = HttpClient.newBuilder().connectTimeout(this.timeout).build();
		this.delivered = AgentMeters.ALERTS_DELIVERED.counter().register(registry);
		this.queueFull = AgentMeters.ALERTS_DROPPED.counter("queue_full").register(registry);
		this.undeliverable = AgentMeters.ALERTS_DROPPED.counter("undeliverable").register(registry);
		this.worker = new Thread(this::deliver, "agent-metrics-webhook");
		this.worker.setDaemon(true);
		this.worker.start();
	}

	/**
	 * Queue an alert; never blocks: an alert the queue cannot hold is dropped and counted.
	 * @param alert the alert
	 */
	public void send(Alert alert) {
		if (this.closed || !this.queue.offer(alert)) {
			this.queueFull.increment();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.worker.interrupt();
	}

	private void deliver() {
		while (!this.closed) {
			Alert alert;
			try {
				alert = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (!deliver(alert)) {
				return;
			}
		}
	}

	/** Deliver one alert; return whether the thread goes on (false once interrupted). */
	private boolean deliver(Alert alert) {
		String body = this.format.json(alert);
		long backoff = this.initialBackoff.toMillis();
		String failure = null;
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			try {
				int status = post(body);
				if (status >= 200 && status < 300) {
					this.delivered.increment();
					return true;
				}
				failure = "HTTP " + status;
			}
			catch (IOException ex) {
				failure = ex.getClass().getSimpleName();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			if (attempt < this.maxAttempts) {
				try {
					TimeUnit.MILLISECONDS.sleep(backoff);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
				backoff *= 2;
			}
		}
		this.undeliverable.increment();
		logger.warn("agent-metrics dropped a " + alert.event() + " alert that webhook " + this.safeName
				+ " did not accept after " + this.maxAttempts + " attempts (last: " + failure + ")");
		return true;
	}

	private int post(String body) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.url)
			.timeout(this.timeout)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		this.headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/**
	 * Where and how a {@link WebhookAlerts} sends.
	 *
	 * @param url the webhook's URL
	 * @param headers headers of every request, such as a token
	 * @param format the shape of the messages
	 * @param queueCapacity how many alerts may wait
	 * @param maxAttempts how many times an alert is tried
	 * @param initialBackoff the pause after the first failed attempt, doubled after each
	 * @param timeout the timeout of connecting and of each request
	 */
	public record Settings(URI url, Map<String, String> headers, AlertFormat format, int queueCapacity,
			int maxAttempts, Duration initialBackoff, Duration timeout) {

	}

}
