package dev.agentmetrics.pricing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.agentmetrics.test.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link LayeredPriceTable}.
 *
 * @author agent-metrics
 */
class LayeredPriceTableTests {

	/** The entries of the built-in table. */
	private static final int BUILTIN = DefaultPrices.prices().size();

	private static final String PRICES = LiteLlmPricesTests.resource("litellm-prices.json");

	private static final Instant LOADED = Instant.parse("2026-11-29T06:00:00Z");

	private static final ModelPrice CONFIGURED_GPT_5 = ModelPrice.of(1, 8);

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(LOADED);

	@Test
	void pricesFromConfiguredPricesThenTheFileThenTheBuiltInPrices() throws Exception {
		LayeredPriceTable table = table(write(PRICES));
		// Configured, in the file and built in.
		assertThat(table.find("gpt-5-2025-08-07")).isEqualTo(CONFIGURED_GPT_5);
		// In the file and built in: the file has the tier and one-hour writes.
		assertThat(table.find("claude-sonnet-4-5-20250929")).isEqualTo(LiteLlmPricesTests.CLAUDE_SONNET_4_5);
		assertThat(DefaultPrices.prices().get("claude-sonnet-4-5")).isNotEqualTo(LiteLlmPricesTests.CLAUDE_SONNET_4_5);
		// Built in only.
		assertThat(table.find("gpt-4.1")).isEqualTo(DefaultPrices.prices().get("gpt-4.1"));
		// In the file only, under its Gemini bare name too.
		assertThat(table.find("gpt-5.6")).isEqualTo(LiteLlmPricesTests.GPT_5_6);
		assertThat(table.find("gemini-2.5-pro")).isEqualTo(LiteLlmPricesTests.GEMINI_2_5_PRO);
		assertThat(table.find("acme")).isEqualTo(ModelPrice.of(2, 4));
		assertThat(table.find("text-embedding-3-small")).isNull();
	}

	@Test
	void countsTheModelsEachSourcePricesInTheTable() throws Exception {
		LayeredPriceTable table = table(write(PRICES));
		// gpt-5 and acme configured; the file's six entries less gpt-5; the built-in entries
		// less gpt-5, claude-sonnet-4-5, gpt-4o-mini and gemini-2.5-pro.
		assertThat(DefaultPrices.prices()).containsKeys("gpt-5", "claude-sonnet-4-5", "gpt-4o-mini", "gemini-2.5-pro");
		assertThat(table.models(PriceSource.CONFIGURED)).isEqualTo(2);
		assertThat(table.models(PriceSource.FILE)).isEqualTo(5);
		assertThat(table.models(PriceSource.BUILTIN)).isEqualTo(BUILTIN - 4);
	}

	@Test
	void registersTheModelsOfEachSourceAndWhenTheirPricesWereCurrent() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		table(write(PRICES)).bindTo(registry);
		assertThat(gauge(registry, "agent.pricing.models", "configured")).isEqualTo(2);
		assertThat(gauge(registry, "agent.pricing.models", "file")).isEqualTo(5);
		assertThat(gauge(registry, "agent.pricing.models", "builtin")).isEqualTo(BUILTIN - 4);
		// Midnight UTC of the built-in table's date, and 2026-11-29T06:00:00Z.
		assertThat(gauge(registry, "agent.pricing.as.of.timestamp", "builtin"))
			.isEqualTo(LocalDate.parse(DefaultPrices.AS_OF).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
		assertThat(gauge(registry, "agent.pricing.as.of.timestamp", "file")).isEqualTo(1_795_932_000);
		assertThat(registry.get("agent.pricing.as.of.timestamp").gauges()).hasSize(2);
		assertThat(registry.get("agent.pricing.models").gauge().getId().getBaseUnit()).isEqualTo("models");
		assertThat(registry.get("agent.pricing.as.of.timestamp").gauge().getId().getBaseUnit()).isEqualTo("seconds");
	}

	@Test
	void registersNoDateOfSourcesItDoesNotHave() throws Exception {
		MeterRegistry registry = new SimpleMeterRegistry();
		LayeredPriceTable.builder().configured(Map.of("acme", ModelPrice.of(2, 4))).build().bindTo(registry);
		assertThat(gauge(registry, "agent.pricing.models", "configured")).isEqualTo(1);
		assertThat(gauge(registry, "agent.pricing.models", "file")).isZero();
		assertThat(gauge(registry, "agent.pricing.models", "builtin")).isZero();
		assertThat(registry.find("agent.pricing.as.of.timestamp").gauges()).isEmpty();
	}

	@Test
	void reloadsTheFileAtOnce() throws Exception {
		Path file = write(PRICES);
		MeterRegistry registry = new SimpleMeterRegistry();
		LayeredPriceTable table = table(file);
		table.bindTo(registry);
		Files.writeString(file, """
				{"gpt-5.6": {"input_cost_per_token": 4e-06, "output_cost_per_token": 2e-05}}
				""");
		this.clock.set(LOADED.plus(Duration.ofHours(6)));
		assertThat(table.reload()).isTrue();
		assertThat(table.find("gpt-5.6")).isEqualTo(ModelPrice.of(4, 20));
		// The file no longer prices claude-sonnet-4-5: the built-in price does.
		assertThat(table.find("claude-sonnet-4-5")).isSameAs(DefaultPrices.prices().get("claude-sonnet-4-5"));
		assertThat(table.fileLoaded()).isEqualTo(LOADED.plus(Duration.ofHours(6)));
		assertThat(gauge(registry, "agent.pricing.as.of.timestamp", "file")).isEqualTo(1_795_932_000 + 6 * 3600);
		assertThat(gauge(registry, "agent.pricing.models", "file")).isEqualTo(1);
		assertThat(gauge(registry, "agent.pricing.models", "builtin")).isEqualTo(BUILTIN - 1);
	}

	@Test
	void keepsTheLastPricesThatLoadedWhenAReloadFails() throws Exception {
		Path file = write(PRICES);
		MeterRegistry registry = new SimpleMeterRegistry();
		LayeredPriceTable table = table(file);
		table.bindTo(registry);
		Files.writeString(file, "{\"gpt-5.6\": {\"input_cost_per_token\": 4e-06,");
		this.clock.set(LOADED.plus(Duration.ofHours(6)));
		assertThat(table.reload()).isFalse();
		Files.delete(file);
		assertThat(table.reload()).isFalse();
		assertThat(table.find("gpt-5.6")).isEqualTo(LiteLlmPricesTests.GPT_5_6);
		assertThat(table.fileLoaded()).isEqualTo(LOADED);
		assertThat(gauge(registry, "agent.pricing.as.of.timestamp", "file")).isEqualTo(1_795_932_000);
		assertThat(gauge(registry, "agent.pricing.models", "file")).isEqualTo(5);
	}

	@Test
	void readersNeverSeeAModelUnpricedWhileTheFileReloads() throws Exception {
		String other = PRICES.replace("\"input_cost_per_token\": 5e-06", "\"input_cost_per_token\": 4e-06");
		Path file = write(PRICES);
		LayeredPriceTable table = table(file);
		Set<ModelPrice> seen = ConcurrentHashMap.newKeySet();
		AtomicBoolean reloading = new AtomicBoolean(true);
		CountDownLatch readersDone = new CountDownLatch(4);
		for (int i = 0; i < 4; i++) {
			Thread reader = new Thread(() -> {
				while (reloading.get()) {
					seen.add(nullSafe(table.find("gpt-5.6")));
					seen.add(nullSafe(table.find("claude-sonnet-4-5-20250929")));
				}
				readersDone.countDown();
			});
			reader.setDaemon(true);
			reader.start();
		}
		try {
			for (int i = 0; i < 200; i++) {
				Files.writeString(file, (i % 2 == 0) ? other : PRICES);
				assertThat(table.reload()).isTrue();
			}
		}
		finally {
			reloading.set(false);
		}
		assertThat(readersDone.await(10, TimeUnit.SECONDS)).isTrue();
		ModelPrice cheaper = new ModelPrice(4, 30, 0.5, 6.25).withLongContext(272_000,
				new ModelPrice(10, 45, 1, 12.5));
		assertThat(seen).isSubsetOf(LiteLlmPricesTests.GPT_5_6, cheaper, LiteLlmPricesTests.CLAUDE_SONNET_4_5);
	}

	@Test
	void refusesToReloadWithoutAFile() throws Exception {
		LayeredPriceTable table = LayeredPriceTable.builder().builtin(DefaultPrices.prices(), null).build();
		assertThatIllegalStateException().isThrownBy(table::reload).withMessage("No price file to reload");
	}

	@Test
	void runsOnlyWithAFileAndARefreshPeriod() throws Exception {
		LayeredPriceTable withoutRefresh = table(write(PRICES));
		withoutRefresh.start();
		assertThat(withoutRefresh.isRunning()).isFalse();
		LayeredPriceTable refreshing = LayeredPriceTable.builder()
			.file(new PriceFile(write(PRICES).toString(), null))
			.refresh(Duration.ofHours(1))
			.build();
		refreshing.start();
		try {
			assertThat(refreshing.isRunning()).isTrue();
		}
		finally {
			refreshing.stop();
		}
		assertThat(refreshing.isRunning()).isFalse();
	}

	private LayeredPriceTable table(Path file) throws PriceFileException {
		return LayeredPriceTable.builder()
			.configured(Map.of("gpt-5", CONFIGURED_GPT_5, "acme", ModelPrice.of(2, 4)))
			.file(new PriceFile(file.toString(), null))
			.builtin(DefaultPrices.prices(), LocalDate.parse(DefaultPrices.AS_OF))
			.clock(this.clock)
			.build();
	}

	private Path write(String content) throws IOException {
		return Files.writeString(Files.createTempFile(this.directory, "prices", ".json"), content);
	}

	private static double gauge(MeterRegistry registry, String name, String source) {
		return registry.get(name).tag("source", source).gauge().value();
	}

	private static ModelPrice nullSafe(ModelPrice price) {
		return (price != null) ? price : ModelPrice.of(-1, -1);
	}

	/** A clock a test sets. */
}
