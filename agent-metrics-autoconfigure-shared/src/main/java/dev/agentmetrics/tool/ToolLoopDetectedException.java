package dev.agentmetrics.tool;

/**
 * Thrown instead of calling a tool when loop detection's action is {@code block} and the
 * model called the same tool with the same arguments too often; it fails the ChatClient
 * call, which breaks the loop. Classified {@code loop_detected}.
 *
 * @author agent-metrics
 */
public class ToolLoopDetectedException extends RuntimeException {

	private final String agent;

	private final String tool;

	private final int repeats;

	/**
	 * Create an exception.
	 * @param agent the agent
	 * @param tool the tool
	 * @param repeats how often the same call was seen in the window
	 */
	public ToolLoopDetectedException(String agent, String tool, int repeats) {
		super("Tool loop detected: agent '" + agent + "' called tool '" + tool + "' with the same arguments "
				+ repeats + " times; the call was blocked");
		this.agent = agent;
		this.tool = tool;
		this.repeats = repeats;
	}

	public String getAgent() {
		return this.agent;
	}

	public String getTool() {
		return this.tool;
	}

	public int getRepeats() {
		return this.repeats;
	}

}
