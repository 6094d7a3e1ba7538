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

	private AgentMetrics() {
	}

}
