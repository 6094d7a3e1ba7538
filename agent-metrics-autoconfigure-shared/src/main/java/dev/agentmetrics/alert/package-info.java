/**
 * Alerts pushed to a webhook: which of agent-metrics' events become alerts.
 */
package dev.agentmetrics.alert;
