/**
 * Spend budgets: limits on what agents spend on LLM calls in a window of time, recorded
 * or enforced before each call, with their meters and threshold events.
 */
package dev.agentmetrics.budget;
