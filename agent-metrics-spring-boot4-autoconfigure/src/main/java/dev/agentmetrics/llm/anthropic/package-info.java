/**
 * What agent-metrics reads from Spring AI 2.0's Anthropic client, built on the official
 * Anthropic SDK.
 */
package dev.agentmetrics.llm.anthropic;
