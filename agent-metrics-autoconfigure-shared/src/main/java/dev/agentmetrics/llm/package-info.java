/**
 * LLM call metrics: the {@link dev.agentmetrics.llm.LlmMetricsAdvisor ChatClient advisor}
 * and the {@link dev.agentmetrics.llm.LlmMetrics recorder} of latency, tokens, cost,
 * prompt-cache results and errors.
 */
package dev.agentmetrics.llm;
