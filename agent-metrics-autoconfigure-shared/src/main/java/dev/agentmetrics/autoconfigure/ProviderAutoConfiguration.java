package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.llm.ProviderResolver;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link ProviderResolver} that names the provider of every
 * ChatClient call, for the metrics and the circuit-breaker advisors alike.
 *
 * @author agent-metrics
 */
@AutoConfiguration
@ConditionalOnClass(ChatClient.class)
@ConditionalOnAgentMetricsEnabled
public class ProviderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public ProviderResolver agentMetricsProviderResolver(ListableBeanFactory beanFactory) {
		return defaultProviderResolver(beanFactory);
	}

	/**
	 * Return the resolver that falls back to the provider of the application's only chat
	 * model, read from its bean type without creating it; to none when there are several.
	 * @param beanFactory the bean factory
	 * @return the resolver
	 */
	static ProviderResolver defaultProviderResolver(ListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(ChatModel.class, false, false);
		Class<?> type = (names.length == 1) ? beanFactory.getType(names[0], false) : null;
		return new ProviderResolver((type != null) ? ProviderResolver.providerOf(type) : ProviderResolver.UNKNOWN);
	}

}
