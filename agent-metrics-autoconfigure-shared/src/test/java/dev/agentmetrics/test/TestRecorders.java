package dev.agentmetrics.test;

import java.util.List;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.MeteredToolCallback;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.tool.ToolCallback;

/**
 * The starter's recorders wired as its auto-configuration wires them by default (built-in
 * prices, OpenAI usage, loop detection on, no event publisher), for tests that drive them
 * without an application context.
 *
 * @param llm the LLM call recorder
 * @param runs the agent-run API
 * @param tools the tool-call recorder
 */
public record TestRecorders(LlmMetrics llm, AgentRuns runs, ToolMetrics tools) {

	/**
	 * Wire the recorders into the given registry with the given tag-value limits.
	 * @param registry the registry
	 * @param limiter the tag-value limits
	 * @return the recorders
	 */
	public static TestRecorders of(MeterRegistry registry, TagValueLimiter limiter) {
		DefaultErrorClassifier classifier = new DefaultErrorClassifier();
		ErrorMetrics errors = new ErrorMetrics(registry);
		LlmMetrics llm = new LlmMetrics(registry, new PrefixMatchingPriceTable(DefaultPrices.prices()), classifier,
				errors, List.of(new OpenAiUsageReader()), limiter);
		AgentRuns runs = new AgentRuns(new RunMetrics(registry, classifier, errors, null, limiter));
		ToolMetrics tools = new ToolMetrics(registry, classifier, errors, LoopDetection.DEFAULTS, "default", null,
				limiter);
		return new TestRecorders(llm, runs, tools);
	}

	/**
	 * Return the given tool, recorded by these recorders.
	 * @param tool the tool
	 * @return the metered tool
	 */
	public ToolCallback metered(ToolCallback tool) {
		return MeteredToolCallback.of(tool, this.tools);
	}

}
