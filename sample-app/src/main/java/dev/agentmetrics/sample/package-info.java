/**
 * The agent-metrics sample application: a support agent, an OpenAI-compatible simulator
 * and a traffic generator.
 */
@NonNullApi
package dev.agentmetrics.sample;

import org.springframework.lang.NonNullApi;
