package dev.agentmetrics.alert;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.agentmetrics.autoconfigure.AlertsAutoConfiguration;
import dev.agentmetrics.budget.BudgetThresholdEvent;
import dev.agentmetrics.resilience.CircuitBreakerStateChangedEvent;
import dev.agentmetrics.tool.ToolLoopDetectedEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alerts delivered to a webhook started by the test on loopback: once per event, in
 * Slack's shape or a plain object, retried after a 500, dropped and counted when the
 * webhook stays down or the queue is full, and never a secret in the log.
 */
class WebhookAlertsTests {

	private static final String SECRET_PATH = "/services/T0001/B0001/s3cr3tP4thT0k3n";

	private static final String TOKEN = "Bearer hook-t0k3n-8842";

	private final WebhookReceiver receiver = new WebhookReceiver();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	private final Logger starterLogger = (Logger) LoggerFactory.getLogger("dev.agentmetrics");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AlertsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("agent-metrics.alerts.webhook.url=" + this.receiver.url(SECRET_PATH),
				"agent-metrics.alerts.webhook.headers.Authorization=" + TOKEN,
				"agent-metrics.alerts.webhook.initial-backoff=50ms", "agent-metrics.alerts.webhook.timeout=1s");

	WebhookAlertsTests() {
		this.log.start();
		this.starterLogger.addAppender(this.log);
		this.starterLogger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void stop() {
		this.starterLogger.detachAppender(this.log);
		this.starterLogger.setLevel(null);
		this.receiver.close();
	}

	@Test
	void sendsNothingWithoutAUrl() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlertsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class)
			.run((context) -> assertThat(context).doesNotHaveBean(WebhookAlerts.class));
	}

	@Test
	void deliversEachEventOnceAsAGenericObject() {
		this.contextRunner.run((context) -> {
			context.publishEvent(new BudgetThresholdEvent(this, "support-daily", BudgetThresholdEvent.Kind.WARNING,
					20.5, 25.0));
			context.publishEvent(new ToolLoopDetectedEvent(this, "support", "trackShipment", 3));
			context.publishEvent(new CircuitBreakerStateChangedEvent(this, "openai", "closed", "open"));
			context.publishEvent(new CircuitBreakerStateChangedEvent(this, "openai", "open", "half_open"));
			context.publishEvent(new CircuitBreakerStateChangedEvent(this, "openai", "half_open", "closed"));
			awaitDelivered(context, 4);
			List<WebhookReceiver.Received> received = this.receiver.received();
			assertThat(received).extracting(WebhookReceiver.Received::body)
				.containsExactly(
						"{\"event\":\"budget_threshold\",\"text\":\"Budget support-daily has spent 20.50 USD of its 25.00 USD\","
								+ "\"budget\":\"support-daily\",\"kind\":\"warning\",\"spent_usd\":20.5,\"limit_usd\":25.0}",
						"{\"event\":\"tool_loop\",\"text\":\"Agent support called tool trackShipment 3 times with the same "
								+ "arguments\",\"agent\":\"support\",\"tool\":\"trackShipment\",\"repeats\":3}",
						"{\"event\":\"circuit_breaker\",\"text\":\"Circuit breaker openai opened: calls to the provider "
								+ "are refused\",\"name\":\"openai\",\"from\":\"closed\",\"to\":\"open\"}",
						"{\"event\":\"circuit_breaker\",\"text\":\"Circuit breaker openai closed again\","
								+ "\"name\":\"openai\",\"from\":\"half_open\",\"to\":\"closed\"}");
			assertThat(received).allSatisfy((request) -> {
				assertThat(request.path()).isEqualTo(SECRET_PATH);
				assertThat(request.headers().getFirst("Authorization")).isEqualTo(TOKEN);
				assertThat(request.headers().getFirst("Content-Type")).isEqualTo("application/json");
			});
		});
	}

	@Test
	void sendsSlacksShape() {
		this.contextRunner.withPropertyValues("agent-metrics.alerts.webhook.format=slack").run((context) -> {
			context.publishEvent(new BudgetThresholdEvent(this, "support-daily", BudgetThresholdEvent.Kind.EXHAUSTED,
					25.2, 25.0));
			awaitDelivered(context, 1);
			assertThat(this.receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.body())
					.isEqualTo("{\"text\":\"Budget support-daily is spent: 25.20 USD of 25.00 USD\"}"));
		});
	}

	@Test
	void announcesANewWindowOnlyAfterOneThatWarned() {
		this.contextRunner.run((context) -> {
			// Midnight after a quiet day: nothing to clear.
			context.publishEvent(new BudgetThresholdEvent(this, "quiet-daily", BudgetThresholdEvent.Kind.WINDOW_STARTED,
					0, 25.0, 0.8, 3.0));
			// Midnight after a day that spent 80% or more.
			context.publishEvent(new BudgetThresholdEvent(this, "support-daily",
					BudgetThresholdEvent.Kind.WINDOW_STARTED, 0, 25.0, 0.8, 25.2));
			awaitDelivered(context, 1);
			assertThat(this.receiver.received()).singleElement()
				.satisfies((request) -> assertThat(request.body()).isEqualTo("{\"event\":\"budget_threshold\","
						+ "\"text\":\"Budget support-daily starts a new window of 25.00 USD; the last one spent 25.20 USD\","
						+ "\"budget\":\"support-daily\",\"kind\":\"window_started\",\"spent_usd\":0.0,"
						+ "\"limit_usd\":25.0,\"previous_window_spent_usd\":25.2}"));
		});
	}

	@Test
	void retriesAfterAServerError() {
		this.receiver.answer(500, 503);
		this.contextRunner.run((context) -> {
			context.publishEvent(new ToolLoopDetectedEvent(this, "support", "trackShipment", 3));
			awaitDelivered(context, 1);
			assertThat(this.receiver.received()).hasSize(3);
			assertThat(dropped(context, "undeliverable")).isZero();
		});
	}

	@Test
	void dropsAnAlertTheWebhookNeverAcceptsAndLogsNoSecret() {
		this.receiver.answer(500, 500, 500, 500);
		this.contextRunner.run((context) -> {
			context.publishEvent(new ToolLoopDetectedEvent(this, "support", "trackShipment", 3));
			await().atMost(Duration.ofSeconds(10)).until(() -> dropped(context, "undeliverable") == 1);
			assertThat(this.receiver.received()).hasSize(4);
			assertThat(delivered(context)).isZero();
		});
		assertThat(this.log.list).anySatisfy((event) -> assertThat(event.getFormattedMessage())
			.contains("dropped a tool_loop alert that webhook http://127.0.0.1 did not accept after 4 attempts"));
		assertThat(this.log.list).allSatisfy((event) -> assertThat(event.getFormattedMessage()).doesNotContain("s3cr3t")
			.doesNotContain("hook-t0k3n")
			.doesNotContain("T0001"));
	}

	@Test
	void dropsWhatTheQueueCannotHoldWithoutBlockingThePublisher() {
		this.receiver.holdRequests();
		this.contextRunner.withPropertyValues("agent-metrics.alerts.webhook.queue-capacity=1").run((context) -> {
			context.publishEvent(new ToolLoopDetectedEvent(this, "support", "first", 3));
			// The first alert is being delivered, held by the webhook: the queue is empty.
			await().atMost(Duration.ofSeconds(5)).until(() -> this.receiver.received().size() == 1);
			for (int i = 0; i < 4; i++) {
				context.publishEvent(new ToolLoopDetectedEvent(this, "support", "tool-" + i, 3));
			}
			// One waits in the queue, three are dropped.
			assertThat(dropped(context, "queue_full")).isEqualTo(3);
			this.receiver.release();
			awaitDelivered(context, 2);
			assertThat(this.receiver.received()).extracting(WebhookReceiver.Received::body)
				.anySatisfy((body) -> assertThat(body).contains("\"tool\":\"tool-0\""));
		});
	}

	private void awaitDelivered(org.springframework.context.ApplicationContext context, int count) {
		await().atMost(Duration.ofSeconds(10)).until(() -> delivered(context) == count);
	}

	private static double delivered(org.springframework.context.ApplicationContext context) {
		return context.getBean(MeterRegistry.class).get("agent.alerts.delivered").counter().count();
	}

	private static double dropped(org.springframework.context.ApplicationContext context, String reason) {
		return context.getBean(MeterRegistry.class).get("agent.alerts.dropped").tag("reason", reason).counter().count();
	}

}
