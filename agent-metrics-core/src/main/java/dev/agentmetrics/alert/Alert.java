package dev.agentmetrics.alert;

import java.util.Map;

/**
 * One alert: what happened, a sentence for people, and the event's fields.
 *
 * @param event the kind of event, such as {@code budget_threshold}
 * @param text a sentence that says what happened
 * @param fields the event's fields, strings, numbers and booleans
 * @author agent-metrics
 */
public record Alert(String event, String text, Map<String, Object> fields) {

}
