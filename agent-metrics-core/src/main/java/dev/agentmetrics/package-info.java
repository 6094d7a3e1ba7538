/**
 * Public API of agent-metrics: the constants callers use to name their agents, and the
 * meter names the starter registers.
 */
package dev.agentmetrics;
