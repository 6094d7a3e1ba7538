/**
 * OpenAI support: reading OpenAI's native usage and capturing the usage of every billed
 * round of Spring AI's tool loop.
 */
package dev.agentmetrics.llm.openai;
