/**
 * Tool metrics: every tool call Spring AI executes, by agent and tool, failed tool calls,
 * and tool-loop detection.
 */
package dev.agentmetrics.tool;
