package dev.agentmetrics.llm;

import java.lang.reflect.Modifier;

import dev.agentmetrics.support.FailOpenLogger;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every bean of a Spring AI 1.1 provider API type in a proxy that applies a
 * {@link RoundUsageInterceptor}, so that the chat model built on it reports the usage of
 * each round it bills.
 *
 * @author agent-metrics
 */
public class RoundUsageBeanPostProcessor implements BeanPostProcessor {

	private static final FailOpenLogger logger = new FailOpenLogger(RoundUsageBeanPostProcessor.class);

	private final Class<?> apiType;

	private final MethodInterceptor interceptor;

	/**
	 * Create a post-processor.
	 * @param apiType the provider API type, such as {@code OpenAiApi}
	 * @param interceptor the interceptor of its request methods
	 */
	public RoundUsageBeanPostProcessor(Class<?> apiType, MethodInterceptor interceptor) {
		this.apiType = apiType;
		this.interceptor = interceptor;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!this.apiType.isInstance(bean)) {
			return bean;
		}
		if (Modifier.isFinal(bean.getClass().getModifiers())) {
			// Spring AI 1.1.6's AnthropicApi is final: no subclass proxy, and never a failed
			// start-up because of metrics. Its calls keep the usage Spring AI reports.
			logger.warnOnce("final:" + bean.getClass().getName(), "agent-metrics cannot read the usage of each round of "
					+ bean.getClass().getSimpleName() + " '" + beanName + "' because its class is final; tool loops "
					+ "count the usage Spring AI merges over their rounds");
			return bean;
		}
		if (bean instanceof Advised advised) {
			if (!advised.isFrozen()) {
				advised.addAdvice(0, this.interceptor);
			}
			return bean;
		}
		ProxyFactory proxyFactory = new ProxyFactory(bean);
		// The provider APIs are classes, not interfaces: proxy them by subclassing.
		proxyFactory.setProxyTargetClass(true);
		proxyFactory.addAdvice(this.interceptor);
		return proxyFactory.getProxy(bean.getClass().getClassLoader());
	}

}
