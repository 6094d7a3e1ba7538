package dev.agentmetrics.tool;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a tool loop is detected, once per loop.
 *
 * @author agent-metrics
 */
public class ToolLoopDetectedEvent extends ApplicationEvent {

	private final String agent;

	private final String tool;

	private final int repeats;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param agent the agent
	 * @param tool the tool called again and again
	 * @param repeats how often the same call was seen in the window
	 */
	public ToolLoopDetectedEvent(Object source, String agent, String tool, int repeats) {
		super(source);
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

	@Override
	public String toString() {
		return "ToolLoopDetectedEvent[agent=" + this.agent + ", tool=" + this.tool + ", repeats=" + this.repeats + "]";
	}

}
