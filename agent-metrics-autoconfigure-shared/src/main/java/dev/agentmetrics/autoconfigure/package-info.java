/**
 * Auto-configuration of agent-metrics: one auto-configuration per concern, and the
 * configuration properties under {@code agent-metrics}.
 */
package dev.agentmetrics.autoconfigure;
