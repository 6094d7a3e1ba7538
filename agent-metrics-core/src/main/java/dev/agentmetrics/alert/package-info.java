/**
 * Alerts pushed to a webhook: the JSON messages and their delivery, asynchronous,
 * bounded and retried, never in the way of an LLM call.
 */
package dev.agentmetrics.alert;
