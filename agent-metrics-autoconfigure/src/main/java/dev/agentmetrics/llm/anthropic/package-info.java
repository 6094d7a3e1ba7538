/**
 * What agent-metrics reads from Spring AI 1.1's Anthropic client, {@code AnthropicApi}.
 */
package dev.agentmetrics.llm.anthropic;
