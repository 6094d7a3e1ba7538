/**
 * What agent-metrics reads from Spring AI 2.0's OpenAI client, built on the official
 * OpenAI SDK.
 */
package dev.agentmetrics.llm.openai;
