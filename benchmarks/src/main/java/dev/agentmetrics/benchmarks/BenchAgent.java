package dev.agentmetrics.benchmarks;

import dev.agentmetrics.AgentRun;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.tool.ToolCallback;

/**
 * A small agent making one ChatClient call and two tool calls per run, the same code with
 * the starter (advised client, metered tools, proxied) and without it.
 *
 * @author agent-metrics
 */
public class BenchAgent {

	/** Agent of {@link #answer()}. */
	public static final String AGENT = "bench";

	/** Agent of {@link #idle()}. */
	public static final String IDLE_AGENT = "bench-idle";

	/** Arguments of the weather tool, as a model would send them. */
	public static final String WEATHER_ARGUMENTS = "{\"city\":\"Paris\"}";

	/** Arguments of the order tool, as a model would send them. */
	public static final String ORDER_ARGUMENTS = "{\"orderId\":42}";

	private final ChatClient client;

	private final ToolCallback weather;

	private final ToolCallback orders;

	/**
	 * Create an agent.
	 * @param client the ChatClient it calls
	 * @param weather the weather tool
	 * @param orders the order tool
	 */
	public BenchAgent(ChatClient client, ToolCallback weather, ToolCallback orders) {
		this.client = client;
		this.weather = weather;
		this.orders = orders;
	}

	/**
	 * Run the agent once: ask the model, then call both tools.
	 * @return a small number derived from every result, so that none of them is dead code
	 */
	@AgentRun(AGENT)
	public int answer() {
		ChatResponse response = this.client.prompt("hi").call().chatResponse();
		String weather = this.weather.call(WEATHER_ARGUMENTS);
		String order = this.orders.call(ORDER_ARGUMENTS);
		// Small enough for Integer's cache: a proxied call boxes the result.
		return response.getResults().size() + weather.length() + order.length();
	}

	/**
	 * A run that does nothing, to measure the run advice alone.
	 * @return 1
	 */
	@AgentRun(IDLE_AGENT)
	public int idle() {
		return 1;
	}

}
