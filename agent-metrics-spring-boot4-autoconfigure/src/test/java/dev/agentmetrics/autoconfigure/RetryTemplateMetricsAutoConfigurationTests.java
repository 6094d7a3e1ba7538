package dev.agentmetrics.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.agentmetrics.resilience.RetryTemplateMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.core.retry.support.CompositeRetryListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retries counted through Spring Framework 7's {@code RetryTemplate}, which Spring AI
 * 2.0's Ollama, Mistral AI, DeepSeek and Google GenAI chat models use.
 */
class RetryTemplateMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class,
				RetryTemplateMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void addsTheMetricsListenerToEveryRetryTemplate() {
		this.contextRunner.withBean("first", RetryTemplate.class)
			.withBean("second", RetryTemplate.class)
			.run((context) -> {
				RetryTemplateMetrics metrics = context.getBean(RetryTemplateMetrics.class);
				for (RetryTemplate template : context.getBeansOfType(RetryTemplate.class).values()) {
					assertThat(template.getRetryListener()).isInstanceOf(CompositeRetryListener.class)
						.extracting("listeners")
						.asInstanceOf(InstanceOfAssertFactories.LIST)
						.hasSize(2)
						.element(1)
						.isSameAs(metrics);
				}
			});
	}

	@Test
	void keepsTheListenerATemplateAlreadyHas() {
		List<String> events = new ArrayList<>();
		RetryListener existing = new RetryListener() {

			@Override
			public void onRetryFailure(RetryPolicy retryPolicy, Retryable<?> retryable, Throwable throwable) {
				events.add("failure: " + throwable.getMessage());
			}

		};
		this.contextRunner.withBean(RetryTemplate.class, () -> {
			RetryTemplate template = new RetryTemplate(
					RetryPolicy.builder().maxRetries(2).delay(Duration.ZERO).build());
			template.setRetryListener(existing);
			return template;
		}).run((context) -> {
			RetryTemplate template = context.getBean(RetryTemplate.class);
			int[] attempts = new int[1];
			String result = template.invoke(() -> {
				if (attempts[0]++ < 2) {
					throw new IllegalStateException("attempt " + attempts[0]);
				}
				return "done";
			});
			assertThat(result).isEqualTo("done");
			// The first attempt's failure is no retry's: onRetryFailure reports retries only.
			assertThat(events).containsExactly("failure: attempt 2");
			// Retries outside a ChatClient call are the application's own: not counted.
			assertThat(context.getBean(SimpleMeterRegistry.class).find("agent.llm.retries").counters()).isEmpty();
		});
	}

	@Test
	void backsOffWithoutFrameworkRetry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RetryTemplate.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RetryTemplateMetrics.class)
				.doesNotHaveBean(RetryTemplateMetricsAutoConfiguration.POST_PROCESSOR_BEAN_NAME));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class,
					RetryTemplateMetricsAutoConfiguration.class))
			.withBean(RetryTemplate.class)
			.run(RetryTemplateMetricsAutoConfigurationTests::assertBackedOff);
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.withBean(RetryTemplate.class)
			.run(RetryTemplateMetricsAutoConfigurationTests::assertBackedOff);
	}

	@Test
	void backsOffFromAUserDefinedListener() {
		this.contextRunner.withBean("customRetryMetrics", RetryTemplateMetrics.class,
				() -> new RetryTemplateMetrics(null, null))
			.run((context) -> assertThat(context).getBean(RetryTemplateMetrics.class)
				.isSameAs(context.getBean("customRetryMetrics")));
	}

	/** Neither our listener nor its post-processor, and the template's own listener alone. */
	private static void assertBackedOff(AssertableApplicationContext context) {
		assertThat(context).doesNotHaveBean(RetryTemplateMetrics.class)
			.doesNotHaveBean(RetryTemplateMetricsAutoConfiguration.POST_PROCESSOR_BEAN_NAME);
		assertThat(context.getBean(RetryTemplate.class).getRetryListener())
			.isNotInstanceOf(CompositeRetryListener.class);
	}

}
