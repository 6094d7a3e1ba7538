package dev.agentmetrics.llm.openai;

import dev.agentmetrics.llm.RoundUsageBeanPostProcessor;

import org.springframework.ai.openai.api.OpenAiApi;

/**
 * Wraps every {@link OpenAiApi} bean in a proxy that applies
 * {@link OpenAiRoundUsageInterceptor}, so that the chat model built on it reports the usage
 * of each round it bills.
 *
 * @author agent-metrics
 */
public class OpenAiRoundUsageBeanPostProcessor extends RoundUsageBeanPostProcessor {

	/**
	 * Create a post-processor.
	 * @param includeStreamUsage whether to ask for the usage of streaming requests that do
	 * not ask for it
	 */
	public OpenAiRoundUsageBeanPostProcessor(boolean includeStreamUsage) {
		super(OpenAiApi.class, new OpenAiRoundUsageInterceptor(includeStreamUsage));
	}

}
