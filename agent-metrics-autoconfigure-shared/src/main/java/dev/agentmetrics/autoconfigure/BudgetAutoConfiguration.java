package dev.agentmetrics.autoconfigure;

import java.time.Clock;
import java.util.Map;

import dev.agentmetrics.budget.BudgetAdvisor;
import dev.agentmetrics.budget.BudgetStore;
import dev.agentmetrics.budget.BudgetWindowScheduler;
import dev.agentmetrics.budget.Budgets;
import dev.agentmetrics.budget.LocalBudgetStore;
import dev.agentmetrics.budget.RedisBudgetStore;
import dev.agentmetrics.llm.LlmMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Auto-configuration of spend budgets, active when at least one
 * {@code agent-metrics.budgets.<name>} is configured: the {@link Budgets}, fed with what
 * every ChatClient call billed, and the {@link BudgetAdvisor} that refuses the calls of
 * spent blocking budgets, added to every ChatClient built from Spring AI's
 * {@code ChatClient.Builder}.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class,
		afterName = { BootAutoConfigurations.REDIS_3, BootAutoConfigurations.REDIS_4 },
		beforeName = BootAutoConfigurations.CHAT_CLIENT)
@ConditionalOnClass({ ChatClient.class, LlmMetrics.class })
@ConditionalOnBean({ LlmMetrics.class, MeterRegistry.class })
@ConditionalOnAgentMetricsEnabled
@Conditional(BudgetAutoConfiguration.OnBudgetsCondition.class)
@EnableConfigurationProperties({ BudgetProperties.class, AgentMetricsProperties.class })
public class BudgetAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public BudgetStore agentMetricsBudgetStore(BudgetProperties properties) {
		if (properties.getBudget().getStore() == BudgetProperties.Store.REDIS) {
			throw new InvalidAgentMetricsPropertyException("agent-metrics.budget.store", "redis",
					"\"local\", or \"redis\" with Spring Data Redis and a Redis connection",
					"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or set "
							+ "agent-metrics.budget.store to local.");
		}
		return new LocalBudgetStore();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnBean(RedisConnectionFactory.class)
	@ConditionalOnProperty(name = "agent-metrics.budget.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(BudgetStore.class)
		RedisBudgetStore agentMetricsRedisBudgetStore(RedisConnectionFactory connectionFactory,
				BudgetProperties properties) {
			BudgetProperties.Shared shared = properties.getBudget();
			return new RedisBudgetStore(new StringRedisTemplate(connectionFactory), shared.getRedis().getKeyPrefix(),
					shared.isFailClosed(), shared.getRedis().getRetryAfter(), Clock.systemUTC());
		}

	}

	@Bean
	@ConditionalOnMissingBean
	public Budgets agentMetricsBudgets(BudgetProperties properties, BudgetStore store, MeterRegistry registry,
			ApplicationEventPublisher events) {
		return new Budgets(properties.toBudgets(), store, registry, events, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	public BudgetWindowScheduler agentMetricsBudgetWindowScheduler(Budgets budgets) {
		return new BudgetWindowScheduler(budgets);
	}

	@Bean
	public SmartInitializingSingleton agentMetricsBudgetSpend(LlmMetrics metrics, Budgets budgets) {
		return () -> metrics.spendListener(budgets::spend);
	}

	@Bean
	@ConditionalOnMissingBean
	public BudgetAdvisor agentMetricsBudgetAdvisor(Budgets budgets, AgentMetricsProperties properties,
			BudgetProperties budgetProperties) {
		return new BudgetAdvisor(budgets, properties.getDefaultAgent(), budgetProperties.getBudget().getAdvisorOrder());
	}

	@Bean
	@ConditionalOnMissingBean
	public BudgetChatClientCustomizer agentMetricsBudgetChatClientCustomizer(BudgetAdvisor advisor) {
		return new BudgetChatClientCustomizer(advisor);
	}

	/**
	 * Adds the budget advisor to every ChatClient built from Spring AI's
	 * {@code ChatClient.Builder}.
	 */
	public static class BudgetChatClientCustomizer extends AdvisorChatClientCustomizer {

		BudgetChatClientCustomizer(BudgetAdvisor advisor) {
			super(advisor);
		}

	}

	/** Matches when at least one budget is configured. */
	static class OnBudgetsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Map<String, Object> budgets = Binder.get(context.getEnvironment())
				.bind("agent-metrics.budgets", Bindable.mapOf(String.class, Object.class))
				.orElse(Map.of());
			return budgets.isEmpty() ? ConditionOutcome.noMatch("no agent-metrics.budgets configured")
					: ConditionOutcome.match(budgets.size() + " agent-metrics.budgets configured");
		}

	}

}
