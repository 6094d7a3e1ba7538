package dev.agentmetrics.llm.anthropic;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates the application's {@link ToolCallingManager} beans with
 * {@link AnthropicToolRoundsToolCallingManager}, so that the rounds of Anthropic tool loops
 * count with their cache reads and writes.
 *
 * @author agent-metrics
 */
public class AnthropicToolRoundsBeanPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ToolCallingManager manager && !(bean instanceof AnthropicToolRoundsToolCallingManager)) {
			return new AnthropicToolRoundsToolCallingManager(manager);
		}
		return bean;
	}

}
