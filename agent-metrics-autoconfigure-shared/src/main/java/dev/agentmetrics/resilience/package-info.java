/**
 * Resilience: Resilience4j circuit breakers around LLM calls, breaker states and
 * transitions, and retries of Spring AI's retry template.
 */
package dev.agentmetrics.resilience;
