/**
 * Google Gemini support, through Spring AI's Google GenAI client on both Spring AI lines:
 * reading Gemini's usage metadata and the status of the Google GenAI SDK's exceptions.
 */
package dev.agentmetrics.llm.google;
