package dev.agentmetrics.llm.openai;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link OpenAiApi} bean in a proxy that applies
 * {@link OpenAiRoundUsageInterceptor}, so that the chat model built on it reports the usage
 * of each round it bills.
 *
 * @author agent-metrics
 */
public class OpenAiRoundUsageBeanPostProcessor implements BeanPostProcessor {

	private final boolean includeStreamUsage;

	/**
	 * Create a post-processor.
	 * @param includeStreamUsage whether to ask for the usage of streaming requests that do
	 * not ask for it
	 */
	public OpenAiRoundUsageBeanPostProcessor(boolean includeStreamUsage) {
		this.includeStreamUsage = includeStreamUsage;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof OpenAiApi)) {
			return bean;
		}
		if (bean instanceof Advised advised) {
			if (!advised.isFrozen()) {
				advised.addAdvice(0, new OpenAiRoundUsageInterceptor(this.includeStreamUsage));
			}
			return bean;
		}
		else {
			ProxyFactory proxyFactory = new ProxyFactory(bean);
			// OpenAiApi is a class, not an interface: proxy it by subclassing.
			proxyFactory.setProxyTargetClass(true);
			proxyFactory.addAdvice(new OpenAiRoundUsageInterceptor(this.includeStreamUsage));
			return proxyFactory.getProxy(bean.getClass().getClassLoader());
		}
	}

}
