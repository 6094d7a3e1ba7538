package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class PricingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PricingAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void pricesWellKnownModelsByDefault() {
		this.contextRunner.run((context) -> {
			PriceTable prices = context.getBean(PriceTable.class);
			assertThat(prices.find("gpt-4o-mini-2024-07-18")).isEqualTo(new ModelPrice(0.15, 0.60, 0.075, 0.15));
			assertThat(prices.find("claude-sonnet-4-5-20250929")).isEqualTo(new ModelPrice(3, 15, 0.30, 3.75));
		});
	}

	@Test
	void configuredPricesOverrideAndExtendTheDefaults() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.models.[gpt-4.1].input=1.5",
					"agent-metrics.pricing.models.[gpt-4.1].output=6", "agent-metrics.pricing.models.[gpt-4.1].cache-read=0.4",
					"agent-metrics.pricing.models.acme-large.input=3", "agent-metrics.pricing.models.acme-large.output=9")
			.run((context) -> {
				PriceTable prices = context.getBean(PriceTable.class);
				assertThat(prices.find("gpt-4.1-2025-04-14")).isEqualTo(new ModelPrice(1.5, 6, 0.4, 1.5));
				assertThat(prices.find("acme-large-v2")).isEqualTo(new ModelPrice(3, 9, 3, 3));
				assertThat(prices.find("gpt-4o")).isNotNull();
			});
	}

	@Test
	void startsEmptyWhenDefaultsAreDisabled() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.defaults-enabled=false",
					"agent-metrics.pricing.models.acme.input=1", "agent-metrics.pricing.models.acme.output=2")
			.run((context) -> {
				PriceTable prices = context.getBean(PriceTable.class);
				assertThat(prices.find("gpt-4o")).isNull();
				assertThat(prices.find("acme")).isEqualTo(ModelPrice.of(1, 2));
			});
	}

	@Test
	void failsToStartWithANegativePriceNamingTheProperty() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.models.acme.input=-1",
				"agent-metrics.pricing.models.acme.output=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("models[acme].input")
				.hasMessageContaining("input price must be zero or more"));
	}

	@Test
	void failsToStartWithANegativePriceEvenWithoutBeanValidation() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.withPropertyValues("agent-metrics.pricing.models.acme.input=-1",
				"agent-metrics.pricing.models.acme.output=2")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("agent-metrics.pricing.models.[acme].input")
				.hasMessageContaining("zero or more"));
	}

	@Test
	void failsToStartWithoutAnOutputPrice() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("jakarta.validation"))
			.withPropertyValues("agent-metrics.pricing.models.acme.input=1")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("agent-metrics.pricing.models.[acme].output must be set"));
	}

	@Test
	void usesTheUsersPriceTable() {
		PriceTable mine = (model) -> ModelPrice.of(1, 1);
		this.contextRunner.withBean(PriceTable.class, () -> mine)
			.run((context) -> assertThat(context.getBean(PriceTable.class)).isSameAs(mine));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PriceTable.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PricingAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PriceTable.class));
	}

}
