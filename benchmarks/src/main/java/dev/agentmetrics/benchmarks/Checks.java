package dev.agentmetrics.benchmarks;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Checks that a benchmark recorded what it claims to, in setup after one call and in
 * teardown after the measured ones: a benchmark that records nothing measures nothing.
 *
 * @author agent-metrics
 */
public final class Checks {

	private Checks() {
	}

	/**
	 * Check that every LLM call of the given agent recorded its latency, with the
	 * starter's histogram, and the fixed response's tokens and cost.
	 * @param registry the registry
	 * @param agent the agent tag
	 * @return how many calls were recorded
	 * @throws IllegalStateException if a meter is missing or disagrees with the timer
	 */
	public static long llmCalls(MeterRegistry registry, String agent) {
		Timer requests = registry.find(AgentMeters.LLM_REQUESTS.getName())
			.tags(AgentTag.AGENT.asString(), agent, AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS)
			.timer();
		check(requests != null, "no " + AgentMeters.LLM_REQUESTS.getName() + " timer of agent '" + agent + "'");
		long calls = requests.count();
		check(calls > 0, "no call recorded by " + AgentMeters.LLM_REQUESTS.getName() + " of agent '" + agent + "'");
		// Every variant must pay for the same histogram, or the comparison is unfair.
		check(requests.takeSnapshot().histogramCounts().length > 0,
				AgentMeters.LLM_REQUESTS.getName() + " has no histogram: the starter's meter filter is not applied");
		expect(tokens(registry, agent, AgentTag.TYPE_INPUT), (double) calls * Fixtures.PROMPT_TOKENS,
				"input tokens of agent '" + agent + "'");
		expect(tokens(registry, agent, AgentTag.TYPE_OUTPUT), (double) calls * Fixtures.COMPLETION_TOKENS,
				"output tokens of agent '" + agent + "'");
		expect(tokens(registry, agent, AgentTag.TYPE_CACHE_READ), (double) calls * Fixtures.CACHED_TOKENS,
				"cache-read tokens of agent '" + agent + "'");
		Counter cost = registry.find(AgentMeters.LLM_COST.getName()).tag(AgentTag.AGENT.asString(), agent).counter();
		check(cost != null, "no " + AgentMeters.LLM_COST.getName() + " counter of agent '" + agent + "'");
		double expectedCost = calls * Fixtures.expectedCost();
		// The sum of many small doubles drifts a little.
		check(Math.abs(cost.count() - expectedCost) <= expectedCost * 1e-6,
				"cost of agent '" + agent + "' is " + cost.count() + ", expected " + expectedCost);
		return calls;
	}

	/**
	 * Return the count of a timer, 0 when it does not exist.
	 * @param registry the registry
	 * @param name the timer name
	 * @param tags the tags as key-value pairs
	 * @return the count
	 */
	public static long timerCount(MeterRegistry registry, String name, String... tags) {
		Timer timer = registry.find(name).tags(tags).timer();
		return (timer != null) ? timer.count() : 0;
	}

	/**
	 * Fail unless the condition holds.
	 * @param condition the condition
	 * @param message what is wrong otherwise
	 * @throws IllegalStateException if the condition does not hold
	 */
	public static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException("Benchmark sanity check failed: " + message);
		}
	}

	private static double tokens(MeterRegistry registry, String agent, String type) {
		Counter counter = registry.find(AgentMeters.LLM_TOKENS.getName())
			.tags(AgentTag.AGENT.asString(), agent, AgentTag.TYPE.asString(), type)
			.counter();
		check(counter != null, "no " + AgentMeters.LLM_TOKENS.getName() + " counter of type " + type + " of agent '" + agent + "'");
		return counter.count();
	}

	private static void expect(double actual, double expected, String what) {
		check(actual == expected, what + " are " + actual + ", expected " + expected);
	}

}
