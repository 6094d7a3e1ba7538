package dev.agentmetrics.autoconfigure;

import java.util.Map;

import dev.agentmetrics.llm.ProviderResolver;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

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
	 * The OpenAI client pointed at another provider's OpenAI-compatible endpoint
	 * ({@code spring.ai.openai.base-url} or {@code spring.ai.openai.chat.base-url}) is named
	 * after that provider when its host is a known one.
	 * @param beanFactory the bean factory
	 * @return the resolver
	 */
	static ProviderResolver defaultProviderResolver(ListableBeanFactory beanFactory) {
		Environment environment = beanFactory.getBeanProvider(Environment.class).getIfAvailable();
		String baseUrl = (environment != null) ? environment.getProperty("spring.ai.openai.chat.base-url",
				environment.getProperty("spring.ai.openai.base-url")) : null;
		String openAi = ProviderResolver.openAiCompatibleProvider(baseUrl);
		Map<String, String> renamed = "openai".equals(openAi) ? Map.of() : Map.of("openai", openAi);
		String[] names = beanFactory.getBeanNamesForType(ChatModel.class, false, false);
		Class<?> type = (names.length == 1) ? beanFactory.getType(names[0], false) : null;
		String fallback = (type != null) ? ProviderResolver.providerOf(type) : ProviderResolver.UNKNOWN;
		return new ProviderResolver(renamed.getOrDefault(fallback, fallback), renamed);
	}

}
