package dev.agentmetrics;

/**
 * Public constants callers use to give agent-metrics context about a ChatClient call.
 *
 * <pre class="code">
 * chatClient.prompt("Where is my order?")
 *     .advisors(a -&gt; a.param(AgentMetrics.AGENT, "support"))
 *     .call()
 *     .content();
 * </pre>
 *
 * @author agent-metrics
 */
public final class AgentMetrics {

	/**
	 * Advisor parameter that names the agent a ChatClient call belongs to; its value
	 * becomes the {@code agent} tag.
	 */
	public static final String AGENT = "agent-metrics.agent";

	/**
	 * Advisor parameter that names the Resilience4j circuit breaker a ChatClient call runs
	 * in, instead of the configured or provider-named one.
	 */
	public static final String CIRCUIT_BREAKER = "agent-metrics.circuit-breaker";

	private AgentMetrics() {
	}

}
