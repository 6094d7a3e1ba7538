package dev.agentmetrics.llm;

import java.util.List;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates the application's {@link ToolCallingManager} beans with
 * {@link ToolRoundsToolCallingManager}, so that each round of a Spring AI 1.1 chat model's
 * internal tool loop is told to its call before the tools run.
 *
 * @author agent-metrics
 */
public class ToolRoundsBeanPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<UsageReader> readers;

	private final boolean readOwnUsage;

	/**
	 * Create a post-processor.
	 * @param readers the usage readers of the application's providers
	 * @param readOwnUsage whether to read each round's own usage where a reader can,
	 * rather than the usage Spring AI merges over the rounds
	 */
	public ToolRoundsBeanPostProcessor(ObjectProvider<UsageReader> readers, boolean readOwnUsage) {
		this.readers = readers;
		this.readOwnUsage = readOwnUsage;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ToolCallingManager manager && !(bean instanceof ToolRoundsToolCallingManager)) {
			List<UsageReader> own = this.readOwnUsage ? this.readers.orderedStream().toList() : List.of();
			return new ToolRoundsToolCallingManager(manager, own);
		}
		return bean;
	}

}
