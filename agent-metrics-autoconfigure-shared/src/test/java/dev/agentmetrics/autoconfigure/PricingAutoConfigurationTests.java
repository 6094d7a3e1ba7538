package dev.agentmetrics.autoconfigure;

import java.util.Map;

import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PricingAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PricingAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void pricesWellKnownModelsByDefault() {
		this.contextRunner.run((context) -> {
			PriceTable prices = context.getBean(PriceTable.class);
			assertThat(prices.find("gpt-4o-mini-2024-07-18")).isEqualTo(new ModelPrice(0.15, 0.60, 0.075, 0.15));
			assertThat(prices.find("claude-sonnet-4-5-20250929"))
				.isEqualTo(new ModelPrice(3, 15, 0.30, 3.75).withCacheWrite1h(6));
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
				assertThat(prices.find("acme-large-2025-06-01")).isEqualTo(new ModelPrice(3, 9, 3, 3));
				assertThat(prices.find("acme-large-v2")).isNull();
				assertThat(prices.find("gpt-4o")).isNotNull();
			});
	}

	@Test
	void acceptsRelaxedFieldNames() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.models.acme.input=1", "agent-metrics.pricing.models.acme.output=2",
					"agent-metrics.pricing.models.acme.cacheRead=0.5", "agent-metrics.pricing.models.acme.cache_write=1.5")
			.run((context) -> assertThat(context.getBean(PriceTable.class).find("acme"))
				.isEqualTo(new ModelPrice(1, 2, 0.5, 1.5)));
	}

	@Test
	void bindsOneHourCacheWritesReasoningAndALongContextTier() {
		String sonnet = "agent-metrics.pricing.models.acme-sonnet.";
		this.contextRunner
			.withPropertyValues(sonnet + "input=3", sonnet + "output=15", sonnet + "cache-read=0.3",
					sonnet + "cache-write=3.75", sonnet + "cache-write-1h=6", sonnet + "reasoning=12",
					sonnet + "long-context.threshold=200000", sonnet + "long-context.input=6",
					sonnet + "long-context.output=22.5", sonnet + "long-context.cache-write=7.5")
			.run((context) -> assertThat(context.getBean(PriceTable.class).find("acme-sonnet"))
				.isEqualTo(new ModelPrice(3, 15, 0.3, 3.75).withCacheWrite1h(6)
					.withReasoning(12)
					.withLongContext(200_000,
							// Unset tier prices fall back within the tier, as base prices do.
							new ModelPrice(6, 22.5, 6, 7.5).withCacheWrite1h(7.5).withReasoning(22.5))));
	}

	@Test
	void failsToStartWithALongContextTierWithoutAThreshold() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.models.acme.input=1", "agent-metrics.pricing.models.acme.output=2",
					"agent-metrics.pricing.models.acme.long-context.input=2",
					"agent-metrics.pricing.models.acme.long-context.output=4")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("agent-metrics.pricing.models.[acme].long-context.threshold")
				.hasMessageContaining("positive number of prompt tokens"));
	}

	@Test
	void failsToStartWithAnUnknownLongContextField() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.models.acme.input=1", "agent-metrics.pricing.models.acme.output=2",
					"agent-metrics.pricing.models.acme.long-context.above=200000")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidAgentMetricsPropertyException.class)
				.hasMessageStartingWith("agent-metrics.pricing.models.acme.long-context.above"));
	}

	@Test
	void leavesEnvironmentVariablesToTheBinder() {
		// Their names cannot tell a dot from a dash, so they cannot be malformed.
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource("env",
					Map.of("AGENT_METRICS_PRICING_MODELS_ACME_CACHE_READ", "0.1")));
		assertThatNoException().isThrownBy(() -> PriceKeys.check(environment));
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("agent-metrics.pricing.models.acme.cache.read", "0.1")));
		assertThatException().isThrownBy(() -> PriceKeys.check(environment))
			.isInstanceOf(InvalidAgentMetricsPropertyException.class);
	}

	@Test
	void failsToStartWithAMalformedModelKeyNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.models.gpt-4.1.input=2", "agent-metrics.pricing.models.gpt-4.1.output=8")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidAgentMetricsPropertyException.class)
				.hasMessageStartingWith("agent-metrics.pricing.models.gpt-4.1."));
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
				.hasMessageContaining("agent-metrics.pricing.models.[acme].input")
				.hasMessageContaining("zero or more"));
	}

	@Test
	void failsToStartWithoutAnOutputPrice() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.models.acme.input=1")
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
