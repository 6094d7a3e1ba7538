/**
 * Spend budgets: the ChatClient advisor that enforces them.
 */
package dev.agentmetrics.budget;
