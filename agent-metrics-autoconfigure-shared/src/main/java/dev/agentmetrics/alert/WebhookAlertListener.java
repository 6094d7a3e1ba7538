package dev.agentmetrics.alert;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.agentmetrics.budget.BudgetThresholdEvent;
import dev.agentmetrics.resilience.CircuitBreakerStateChangedEvent;
import dev.agentmetrics.tool.ToolLoopDetectedEvent;

import org.springframework.context.event.EventListener;

/**
 * Turns agent-metrics' events into alerts for a webhook: budget thresholds, tool loops,
 * and circuit breakers opening and closing again. Listeners run on the thread that
 * published the event; this one only queues.
 *
 * @author agent-metrics
 */
public class WebhookAlertListener {

	private final WebhookAlerts alerts;

	/**
	 * Create a listener sending to the given webhook.
	 * @param alerts the webhook
	 */
	public WebhookAlertListener(WebhookAlerts alerts) {
		this.alerts = alerts;
	}

	/**
	 * Alert on a budget threshold, and on the start of a window after one that passed the
	 * budget's warning fraction (the all-clear of that window's alerts, not a message
	 * every midnight).
	 * @param event the event
	 */
	@EventListener
	public void onBudgetThreshold(BudgetThresholdEvent event) {
		if (event.getKind() == BudgetThresholdEvent.Kind.WINDOW_STARTED && !event.endsAWindowThatWarned()) {
			return;
		}
		String kind = event.getKind().name().toLowerCase(Locale.ROOT);
		String text = switch (event.getKind()) {
			case WARNING -> "Budget " + event.getBudget() + " has spent " + usd(event.getSpentUsd()) + " of its "
					+ usd(event.getLimitUsd());
			case EXHAUSTED -> "Budget " + event.getBudget() + " is spent: " + usd(event.getSpentUsd()) + " of "
					+ usd(event.getLimitUsd());
			case WINDOW_STARTED -> "Budget " + event.getBudget() + " starts a new window of "
					+ usd(event.getLimitUsd()) + "; the last one spent " + usd(event.getPreviousWindowSpentUsd());
		};
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("budget", event.getBudget());
		fields.put("kind", kind);
		fields.put("spent_usd", event.getSpentUsd());
		fields.put("limit_usd", event.getLimitUsd());
		if (event.getKind() == BudgetThresholdEvent.Kind.WINDOW_STARTED) {
			fields.put("previous_window_spent_usd", event.getPreviousWindowSpentUsd());
		}
		this.alerts.send(new Alert("budget_threshold", text, fields));
	}

	/**
	 * Alert on a tool loop.
	 * @param event the event
	 */
	@EventListener
	public void onToolLoop(ToolLoopDetectedEvent event) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("agent", event.getAgent());
		fields.put("tool", event.getTool());
		fields.put("repeats", event.getRepeats());
		this.alerts.send(new Alert("tool_loop", "Agent " + event.getAgent() + " called tool " + event.getTool() + " "
				+ event.getRepeats() + " times with the same arguments", fields));
	}

	/**
	 * Alert on a circuit breaker that opens, or closes again.
	 * @param event the event
	 */
	@EventListener
	public void onCircuitBreaker(CircuitBreakerStateChangedEvent event) {
		boolean opened = "open".equals(event.getTo()) || "forced_open".equals(event.getTo());
		boolean closed = "closed".equals(event.getTo());
		if (!opened && !closed) {
			return;
		}
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("name", event.getName());
		fields.put("from", event.getFrom());
		fields.put("to", event.getTo());
		this.alerts.send(new Alert("circuit_breaker", "Circuit breaker " + event.getName()
				+ (opened ? " opened: calls to the provider are refused" : " closed again"), fields));
	}

	private static String usd(double usd) {
		return String.format(Locale.ROOT, "%.2f USD", usd);
	}

}
