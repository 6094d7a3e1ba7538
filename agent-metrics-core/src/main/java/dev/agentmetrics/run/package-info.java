/**
 * Agent runs: the {@link dev.agentmetrics.AgentRun @AgentRun} advice, the programmatic
 * {@link dev.agentmetrics.run.AgentRuns} API and the {@link dev.agentmetrics.run.RunMetrics
 * recorder} of run duration, activity, cost and call counts.
 */
package dev.agentmetrics.run;
