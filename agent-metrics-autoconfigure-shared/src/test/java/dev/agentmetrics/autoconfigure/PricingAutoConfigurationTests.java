package dev.agentmetrics.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.LayeredPriceTable;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.test.PriceFileServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class PricingAutoConfigurationTests {

	/** Entries copied from LiteLLM's model_prices_and_context_window.json. */
	private static final String PRICE_FILE = "classpath:dev/agentmetrics/pricing/litellm-prices.json";

	private static final String PRICES = resource("dev/agentmetrics/pricing/litellm-prices.json");

	private static final ModelPrice CLAUDE_SONNET_4_5 = new ModelPrice(3, 15, 0.3, 3.75).withCacheWrite1h(6)
		.withLongContext(200_000, new ModelPrice(6, 22.5, 0.6, 7.5).withCacheWrite1h(12));

	private static final ModelPrice GEMINI_2_5_PRO = new ModelPrice(1.25, 10, 0.125, 1.25).withLongContext(200_000,
			new ModelPrice(2.5, 15, 0.25, 2.5));

	private static final ModelPrice GPT_5_6 = new ModelPrice(5, 30, 0.5, 6.25).withLongContext(272_000,
			new ModelPrice(10, 45, 1, 12.5));

	@TempDir
	Path directory;

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
			.withPropertyValues("agent-metrics.pricing.file=" + PRICE_FILE)
			.run((context) -> {
				assertThat(context.getBean(PriceTable.class)).isSameAs(mine);
				assertThat(context.getBean(MeterRegistry.class).find("agent.pricing.models").meters()).isEmpty();
			});
	}

	@Test
	void pricesFromAPriceFileOnTheFilesystem() throws IOException {
		Path file = Files.writeString(this.directory.resolve("prices.json"), PRICES);
		this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + file).run((context) -> {
			PriceTable prices = context.getBean(PriceTable.class);
			assertThat(prices.find("gpt-5.6")).isEqualTo(GPT_5_6);
			assertThat(prices.find("claude-sonnet-4-5-20250929")).isEqualTo(CLAUDE_SONNET_4_5);
			assertThat(prices.find("gemini-2.5-pro")).isEqualTo(GEMINI_2_5_PRO);
		});
	}

	@Test
	void pricesFromAPriceFileOnTheClasspath() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + PRICE_FILE)
			.run((context) -> assertThat(context.getBean(PriceTable.class).find("gpt-5.6")).isEqualTo(GPT_5_6));
	}

	@Test
	void pricesFromAPriceFileOverHttp() {
		try (PriceFileServer server = PriceFileServer.serving(PRICES)) {
			this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + server.url()).run((context) -> {
				assertThat(context.getBean(PriceTable.class).find("gpt-5.6")).isEqualTo(GPT_5_6);
				assertThat(server.requests()).isEqualTo(1);
			});
		}
	}

	@Test
	void configuredPricesTakePrecedenceOverTheFileAndTheFileOverTheBuiltInPrices() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=" + PRICE_FILE, "agent-metrics.pricing.models.gpt-5.input=1",
					"agent-metrics.pricing.models.gpt-5.output=8")
			.run((context) -> {
				PriceTable prices = context.getBean(PriceTable.class);
				assertThat(prices.find("gpt-5")).isEqualTo(ModelPrice.of(1, 8));
				assertThat(prices.find("claude-sonnet-4-5")).isEqualTo(CLAUDE_SONNET_4_5)
					.isNotEqualTo(DefaultPrices.prices().get("claude-sonnet-4-5"));
				assertThat(prices.find("gpt-4.1")).isEqualTo(DefaultPrices.prices().get("gpt-4.1"));
			});
	}

	@Test
	void skipsFileEntriesWithoutBothPricesAndDefaultsTheOthers() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=classpath:dev/agentmetrics/pricing/litellm-partial.json",
					"agent-metrics.pricing.defaults-enabled=false")
			.run((context) -> {
				PriceTable prices = context.getBean(PriceTable.class);
				assertThat(prices.find("acme-only-input")).isNull();
				assertThat(prices.find("acme-half-tier")).isNull();
				assertThat(prices.find("acme-modeless")).isEqualTo(ModelPrice.of(1, 2));
				assertThat(prices.find("acme-reasoner")).isEqualTo(new ModelPrice(2, 8, 2, 2.5).withReasoning(12));
				assertThat(gauge(context, "agent.pricing.models", "file")).isEqualTo(8);
			});
	}

	@Test
	void registersTheModelsOfEachSourceAndWhenTheirPricesWereCurrent() {
		long before = Instant.now().getEpochSecond();
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=" + PRICE_FILE, "agent-metrics.pricing.models.gpt-5.input=1",
					"agent-metrics.pricing.models.gpt-5.output=8")
			.run((context) -> {
				long after = Instant.now().getEpochSecond() + 1;
				assertThat(gauge(context, "agent.pricing.models", "configured")).isEqualTo(1);
				// The file's six entries less gpt-5; the built-in entries less gpt-5,
				// claude-sonnet-4-5, gpt-4o-mini and gemini-2.5-pro.
				assertThat(gauge(context, "agent.pricing.models", "file")).isEqualTo(5);
				assertThat(gauge(context, "agent.pricing.models", "builtin"))
					.isEqualTo(DefaultPrices.prices().size() - 4);
				// DefaultPrices.AS_OF at midnight UTC.
				assertThat(gauge(context, "agent.pricing.as.of.timestamp", "builtin"))
					.isEqualTo(LocalDate.parse(DefaultPrices.AS_OF).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
				assertThat(gauge(context, "agent.pricing.as.of.timestamp", "file")).isBetween((double) before,
						(double) after);
			});
	}

	@Test
	void registersTheBuiltInPricesWithoutAFile() {
		this.contextRunner.run((context) -> {
			assertThat(gauge(context, "agent.pricing.models", "configured")).isZero();
			assertThat(gauge(context, "agent.pricing.models", "file")).isZero();
			assertThat(gauge(context, "agent.pricing.models", "builtin")).isEqualTo(DefaultPrices.prices().size());
			assertThat(context.getBean(MeterRegistry.class).get("agent.pricing.as.of.timestamp").gauges())
				.singleElement()
				.satisfies((gauge) -> assertThat(gauge.getId().getTag("source")).isEqualTo("builtin"));
		});
	}

	@Test
	void reloadsThePriceFileEveryRefreshPeriod() throws IOException {
		Path file = Files.writeString(this.directory.resolve("prices.json"), PRICES);
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=" + file, "agent-metrics.pricing.refresh=50ms")
			.run((context) -> {
				PriceTable prices = context.getBean(PriceTable.class);
				assertThat(prices.find("gpt-5.6")).isEqualTo(GPT_5_6);
				Files.writeString(file, """
						{"gpt-5.6": {"input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05}}
						""");
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					assertThat(prices.find("gpt-5.6")).isEqualTo(ModelPrice.of(4, 20));
					assertThat(gauge(context, "agent.pricing.models", "file")).isEqualTo(1);
				});
			});
	}

	@Test
	void keepsTheLastGoodPricesWhileRefreshesFailAndWarnsOnce(CapturedOutput output) {
		try (PriceFileServer server = PriceFileServer.serving(PRICES)) {
			this.contextRunner
				.withPropertyValues("agent-metrics.pricing.file=" + server.url(), "agent-metrics.pricing.refresh=20ms")
				.run((context) -> {
					PriceTable prices = context.getBean(PriceTable.class);
					double loaded = gauge(context, "agent.pricing.as.of.timestamp", "file");
					server.answer(503, "Service Unavailable");
					int failing = server.requests();
					await().atMost(Duration.ofSeconds(10)).until(() -> server.requests() >= failing + 5);
					assertThat(prices.find("gpt-5.6")).isEqualTo(GPT_5_6);
					assertThat(gauge(context, "agent.pricing.as.of.timestamp", "file")).isEqualTo(loaded);
					assertThat(occurrences(output, "could not reload the price file")).isOne();
					assertThat(output).contains("WARN")
						.contains("agent-metrics could not reload the price file " + server.url()
								+ ": HTTP 503; it keeps the prices loaded at ");
					server.answer(200, """
							{"gpt-5.6": {"input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05}}
							""");
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(prices.find("gpt-5.6")).isEqualTo(ModelPrice.of(4, 20)));
					await().atMost(Duration.ofSeconds(10))
						.untilAsserted(() -> assertThat(occurrences(output, "agent-metrics reloaded the price file "
								+ server.url() + " after ")).isOne());
					assertThat(occurrences(output, "could not reload the price file")).isOne();
				});
		}
	}

	@Test
	void stopsRefreshingWhenTheContextCloses() throws IOException {
		Path file = Files.writeString(this.directory.resolve("prices.json"), PRICES);
		AtomicReference<LayeredPriceTable> table = new AtomicReference<>();
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=" + file, "agent-metrics.pricing.refresh=1h")
			.run((context) -> {
				table.set(context.getBean(LayeredPriceTable.class));
				assertThat(table.get().isRunning()).isTrue();
				assertThat(refreshThreads()).isOne();
			});
		assertThat(table.get().isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(10)).until(() -> refreshThreads() == 0);
	}

	@Test
	void failsToStartWithAMissingPriceFileNamingThePropertyAndTheReason() {
		Path missing = this.directory.resolve("missing.json");
		this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + missing)
			.run((context) -> assertThat(invalidProperty(context))
				.hasMessage("agent-metrics.pricing.file must be a readable price file in the format of LiteLLM's "
						+ "model_prices_and_context_window.json, but was " + missing + " (file not found: " + missing
						+ ")"));
	}

	@Test
	void failsToStartWithAMalformedPriceFileGivingThePosition() {
		this.contextRunner
			.withPropertyValues("agent-metrics.pricing.file=classpath:dev/agentmetrics/pricing/litellm-malformed.json")
			.run((context) -> assertThat(invalidProperty(context))
				.hasMessageStartingWith("agent-metrics.pricing.file must be a readable price file")
				.hasMessageEndingWith("(malformed JSON: expected a member name in double quotes, found '}' at line 5, "
						+ "column 5 (character 103))"));
	}

	@Test
	void failsToStartWhenThePriceServerAnswersWithAnError() {
		try (PriceFileServer server = PriceFileServer.serving(PRICES)) {
			server.answer(404, "Not Found");
			this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + server.url())
				.run((context) -> assertThat(invalidProperty(context))
					.hasMessageStartingWith("agent-metrics.pricing.file must be a readable price file")
					.hasMessageEndingWith(", but was " + server.url() + " (HTTP 404)"));
		}
	}

	@Test
	void failsToStartWithAnUnsupportedPriceFileLocation() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.file=ftp://example.com/prices.json")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("agent-metrics.pricing.file must be a filesystem path or a file:, classpath:, http:// or "
						+ "https:// URL, but was ftp://example.com/prices.json"));
	}

	@Test
	void failsToStartWithARefreshButNoFile() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.refresh=6h")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("agent-metrics.pricing.refresh must be set only with agent-metrics.pricing.file, but was PT6H"));
	}

	@Test
	void failsToStartWithARefreshThatIsNotPositive() {
		this.contextRunner.withPropertyValues("agent-metrics.pricing.file=" + PRICE_FILE, "agent-metrics.pricing.refresh=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("agent-metrics.pricing.refresh must be a positive duration, such as 6h, but was PT0S"));
	}

	/** The exception that failed start-up, with the failure it wraps as its cause. */
	private static InvalidAgentMetricsPropertyException invalidProperty(AssertableApplicationContext context) {
		assertThat(context).hasFailed();
		Throwable failure = context.getStartupFailure();
		while (failure != null && !(failure instanceof InvalidAgentMetricsPropertyException)) {
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(InvalidAgentMetricsPropertyException.class);
		return (InvalidAgentMetricsPropertyException) failure;
	}

	private static double gauge(AssertableApplicationContext context, String name, String source) {
		return context.getBean(MeterRegistry.class).get(name).tag("source", source).gauge().value();
	}

	private static int occurrences(CapturedOutput output, String text) {
		String all = output.getAll();
		int count = 0;
		for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + text.length())) {
			count++;
		}
		return count;
	}

	private static long refreshThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("agent-metrics-price-file"))
			.count();
	}

	private static String resource(String location) {
		try (InputStream in = new ClassPathResource(location).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
