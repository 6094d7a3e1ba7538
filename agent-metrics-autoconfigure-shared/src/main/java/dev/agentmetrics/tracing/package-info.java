/**
 * Traces: the attributes agent-metrics adds to the spans of agent runs, LLM requests and
 * tool calls, so that a trace shows what each step cost.
 */
package dev.agentmetrics.tracing;
