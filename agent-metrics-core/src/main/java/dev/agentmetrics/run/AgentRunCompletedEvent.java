package dev.agentmetrics.run;

import java.time.Duration;

import org.springframework.context.ApplicationEvent;
import org.springframework.lang.Nullable;

/**
 * Published when an agent run ends, so that an application can react without Prometheus:
 * a webhook, a message, a kill switch.
 *
 * @author agent-metrics
 */
public class AgentRunCompletedEvent extends ApplicationEvent {

	private final String agent;

	private final String outcome;

	@Nullable
	private final String error;

	private final Duration duration;

	private final double cost;

	private final long inputTokens;

	private final long outputTokens;

	private final long llmCalls;

	private final long toolCalls;

	/**
	 * Create an event.
	 * @param source the publisher
	 * @param agent the agent
	 * @param outcome {@code success}, {@code error} or {@code timeout}
	 * @param error the error kind, {@code null} on success
	 * @param duration how long the run took
	 * @param cost its cost in USD
	 * @param inputTokens the input tokens of its LLM calls
	 * @param outputTokens the output tokens of its LLM calls
	 * @param llmCalls its LLM calls
	 * @param toolCalls its tool calls
	 */
	public AgentRunCompletedEvent(Object source, String agent, String outcome, @Nullable String error,
			Duration duration, double cost, long inputTokens, long outputTokens, long llmCalls, long toolCalls) {
		super(source);
		this.agent = agent;
		this.outcome = outcome;
		this.error = error;
		this.duration = duration;
		this.cost = cost;
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
		this.llmCalls = llmCalls;
		this.toolCalls = toolCalls;
	}

	public String getAgent() {
		return this.agent;
	}

	public String getOutcome() {
		return this.outcome;
	}

	@Nullable
	public String getError() {
		return this.error;
	}

	public Duration getDuration() {
		return this.duration;
	}

	public double getCost() {
		return this.cost;
	}

	public long getInputTokens() {
		return this.inputTokens;
	}

	public long getOutputTokens() {
		return this.outputTokens;
	}

	public long getLlmCalls() {
		return this.llmCalls;
	}

	public long getToolCalls() {
		return this.toolCalls;
	}

	@Override
	public String toString() {
		return "AgentRunCompletedEvent[agent=" + this.agent + ", outcome=" + this.outcome + ", error=" + this.error
				+ ", duration=" + this.duration + ", cost=" + this.cost + ", inputTokens=" + this.inputTokens
				+ ", outputTokens=" + this.outputTokens + ", llmCalls=" + this.llmCalls + ", toolCalls="
				+ this.toolCalls + "]";
	}

}
