package dev.agentmetrics.tool;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates the application's {@link ToolCallingManager} and {@link ToolCallbackResolver}
 * beans so that every tool call is recorded.
 *
 * @author agent-metrics
 */
public class ToolMetricsBeanPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<ToolMetrics> metrics;

	/**
	 * Create a post-processor.
	 * @param metrics the metrics, looked up when first needed so that this post-processor
	 * does not create beans early
	 */
	public ToolMetricsBeanPostProcessor(ObjectProvider<ToolMetrics> metrics) {
		this.metrics = metrics;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof ToolCallingManager manager && !(bean instanceof MeteredToolCallingManager)) {
			return new MeteredToolCallingManager(manager, this.metrics.getObject());
		}
		if (bean instanceof ToolCallbackResolver resolver && !(bean instanceof MeteredToolCallbackResolver)) {
			return new MeteredToolCallbackResolver(resolver, this.metrics.getObject());
		}
		return bean;
	}

}
