/**
 * A small OpenAI-compatible chat completions server that the sample serves itself, with
 * deterministic usage, tool calls, prompt-cache hits and injectable failures.
 */
@NonNullApi
package dev.agentmetrics.sample.simulator;

import org.springframework.lang.NonNullApi;
