/**
 * JMH benchmarks of what agent-metrics costs: per ChatClient call against hand-written and
 * per-call-registering recording, per agent run, under two threads, and per scrape.
 */
package dev.agentmetrics.benchmarks;
