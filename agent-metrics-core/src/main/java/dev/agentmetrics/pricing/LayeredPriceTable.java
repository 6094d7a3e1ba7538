package dev.agentmetrics.pricing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.agentmetrics.AgentMeters;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * {@link PriceTable} of three sources in order of precedence: configured prices, then a
 * {@link PriceFile}, then built-in prices; a model is priced by the first source that
 * prices it, each source matched as {@link PrefixMatchingPriceTable} matches. The file can
 * be reloaded, by {@link #reload()} or every refresh period while this table is
 * {@link #start() running}; readers see the table before a reload or after it, never
 * between, and a failed reload keeps the last table that loaded.
 *
 * <p>
 * A failed reload logs one WARN, and further failures DEBUG until a reload succeeds, which
 * logs one INFO. {@link #bindTo(MeterRegistry)} registers how many models each source
 * prices ({@code agent.pricing.models}) and when the prices of each source were current
 * ({@code agent.pricing.as.of.timestamp}).
 *
 * @author agent-metrics
 */
public class LayeredPriceTable implements PriceTable, MeterBinder, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LayeredPriceTable.class);

	/** Skipped entries named in the INFO log of a load; DEBUG names them all. */
	private static final int SKIPPED_NAMED = 10;

	private final Map<String, ModelPrice> configured;

	@Nullable
	private final PriceFile file;

	private final Map<String, ModelPrice> builtin;

	@Nullable
	private final LocalDate builtinAsOf;

	@Nullable
	private final Duration refresh;

	private final Clock clock;

	private volatile Layers layers;

	/** Reloads that failed since the last that succeeded. Guarded by {@code this}. */
	private int failures;

	private final Object lifecycleMonitor = new Object();

	@Nullable
	private ScheduledExecutorService scheduler;

	private LayeredPriceTable(Builder builder) throws PriceFileException {
		this.configured = Map.copyOf(builder.configured);
		this.file = builder.file;
		this.builtin = Map.copyOf(builder.builtin);
		this.builtinAsOf = builder.builtinAsOf;
		this.refresh = builder.refresh;
		this.clock = builder.clock;
		LiteLlmPrices filePrices = (this.file != null) ? this.file.load() : null;
		this.layers = layers(filePrices);
		if (filePrices != null) {
			logLoaded("prices", filePrices);
		}
	}

	/**
	 * Return a builder of a table.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	@Nullable
	public ModelPrice find(String model) {
		return this.layers.table.find(model);
	}

	/**
	 * Reload the price file. On success the new prices replace the file's old ones at once;
	 * on failure the table keeps the prices it has.
	 * @return whether the file was loaded
	 * @throws IllegalStateException if this table has no price file
	 */
	public synchronized boolean reload() {
		Assert.state(this.file != null, "No price file to reload");
		LiteLlmPrices prices;
		try {
			prices = this.file.load();
		}
		catch (PriceFileException ex) {
			if (Thread.currentThread().isInterrupted() || ex.getCause() instanceof InterruptedException) {
				// Stopping: not a failure of the file.
				logger.debug("agent-metrics stopped reloading the price file " + this.file);
				return false;
			}
			failed(ex.getMessage(), ex);
			return false;
		}
		catch (RuntimeException ex) {
			failed(ex.toString(), ex);
			return false;
		}
		this.layers = layers(prices);
		if (this.failures > 0) {
			logger.info("agent-metrics reloaded the price file " + this.file + " after " + this.failures
					+ " failed attempt" + ((this.failures > 1) ? "s" : "") + ": " + describe(this.layers, prices));
			this.failures = 0;
		}
		else if (logger.isDebugEnabled()) {
			logLoaded("reloaded prices", prices);
		}
		return true;
	}

	private void failed(String reason, Exception ex) {
		this.failures++;
		Instant loaded = this.layers.fileLoaded;
		if (this.failures == 1) {
			logger.warn("agent-metrics could not reload the price file " + this.file + ": " + reason
					+ "; it keeps the prices loaded at " + ((loaded != null) ? loaded.truncatedTo(ChronoUnit.SECONDS) : null)
					+ ". Further failures are logged at DEBUG until a reload succeeds.");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("agent-metrics could not reload the price file " + this.file + " (" + this.failures
					+ " failures in a row): " + reason, ex);
		}
	}

	private Layers layers(@Nullable LiteLlmPrices filePrices) {
		Map<String, Sourced> merged = new LinkedHashMap<>();
		put(merged, this.builtin, PriceSource.BUILTIN);
		Instant fileLoaded = null;
		if (filePrices != null) {
			put(merged, filePrices.prices(), PriceSource.FILE);
			fileLoaded = this.clock.instant();
		}
		put(merged, this.configured, PriceSource.CONFIGURED);
		Map<PriceSource, Integer> models = new EnumMap<>(PriceSource.class);
		for (PriceSource source : PriceSource.values()) {
			models.put(source, 0);
		}
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		merged.forEach((model, sourced) -> {
			prices.put(model, sourced.price);
			models.merge(sourced.source, 1, Integer::sum);
		});
		return new Layers(new PrefixMatchingPriceTable(prices), models, fileLoaded);
	}

	private static void put(Map<String, Sourced> merged, Map<String, ModelPrice> prices, PriceSource source) {
		prices.forEach((model, price) -> merged.put(PrefixMatchingPriceTable.normalize(model),
				new Sourced(price, source)));
	}

	private void logLoaded(String what, LiteLlmPrices prices) {
		String message = "agent-metrics " + what + " " + describe(this.layers, prices);
		List<LiteLlmPrices.Skipped> skipped = prices.skipped();
		if (!skipped.isEmpty()) {
			message += "; " + skipped.size() + " chat entr" + ((skipped.size() > 1) ? "ies" : "y")
					+ " of the file priced nothing: " + skipped.stream()
						.limit(SKIPPED_NAMED)
						.map(LiteLlmPrices.Skipped::toString)
						.collect(Collectors.joining(", "))
					+ ((skipped.size() > SKIPPED_NAMED) ? ", ... (all at DEBUG)" : "");
		}
		if (what.equals("prices")) {
			logger.info(message);
		}
		else {
			logger.debug(message);
		}
		if (skipped.size() > SKIPPED_NAMED && logger.isDebugEnabled()) {
			logger.debug("agent-metrics skipped these chat entries of the price file " + this.file + ": " + skipped);
		}
	}

	private String describe(Layers layers, LiteLlmPrices prices) {
		int configured = layers.models.get(PriceSource.CONFIGURED);
		int file = layers.models.get(PriceSource.FILE);
		int builtin = layers.models.get(PriceSource.BUILTIN);
		return (configured + file + builtin) + " models: " + configured + " configured, " + file
				+ " from the price file " + this.file + " (which prices " + prices.prices().size() + "), " + builtin
				+ " built-in";
	}

	/**
	 * Return how many models of this table the given source prices, those whose price a
	 * source of higher precedence overrides left out.
	 * @param source the source
	 * @return the number of models, Gemini's bare names and prefixed names apart
	 */
	public int models(PriceSource source) {
		return this.layers.models.get(source);
	}

	/**
	 * Return when the price file was last loaded.
	 * @return the time of the last successful load, or {@code null} without a file
	 */
	@Nullable
	public Instant fileLoaded() {
		return this.layers.fileLoaded;
	}

	/**
	 * Register {@code agent.pricing.models} for every source and
	 * {@code agent.pricing.as.of.timestamp} for the built-in prices and the price file, when
	 * this table has them.
	 * @param registry the registry
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		for (PriceSource source : PriceSource.values()) {
			AgentMeters.PRICING_MODELS.gauge(this, (table) -> table.models(source), source.tagValue())
				.register(registry);
		}
		if (this.builtinAsOf != null && !this.builtin.isEmpty()) {
			double asOf = this.builtinAsOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
			AgentMeters.PRICING_AS_OF.gauge(this, (table) -> asOf, PriceSource.BUILTIN.tagValue()).register(registry);
		}
		if (this.file != null) {
			AgentMeters.PRICING_AS_OF
				.gauge(this, (table) -> epochSeconds(table.fileLoaded()), PriceSource.FILE.tagValue())
				.register(registry);
		}
	}

	private static double epochSeconds(@Nullable Instant instant) {
		return (instant != null) ? instant.toEpochMilli() / 1000d : Double.NaN;
	}

	/**
	 * Start reloading the price file every refresh period, in a daemon thread, when this
	 * table has a file and a period.
	 */
	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.scheduler != null || this.file == null || this.refresh == null) {
				return;
			}
			ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "agent-metrics-price-file");
				thread.setDaemon(true);
				return thread;
			});
			long period = this.refresh.toMillis();
			scheduler.scheduleWithFixedDelay(this::reload, period, period, TimeUnit.MILLISECONDS);
			this.scheduler = scheduler;
		}
	}

	/**
	 * Stop reloading the price file.
	 */
	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
				this.scheduler = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.scheduler != null;
		}
	}

	/** One immutable state of the table: replaced whole, never changed. */
	private record Layers(PrefixMatchingPriceTable table, Map<PriceSource, Integer> models,
			@Nullable Instant fileLoaded) {
	}

	private record Sourced(ModelPrice price, PriceSource source) {
	}

	/**
	 * Builds a {@link LayeredPriceTable}.
	 */
	public static final class Builder {

		private Map<String, ModelPrice> configured = Map.of();

		@Nullable
		private PriceFile file;

		private Map<String, ModelPrice> builtin = Map.of();

		@Nullable
		private LocalDate builtinAsOf;

		@Nullable
		private Duration refresh;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Set the configured prices, which take precedence over the others.
		 * @param prices prices by model name or prefix
		 * @return this builder
		 */
		public Builder configured(Map<String, ModelPrice> prices) {
			Assert.notNull(prices, "'prices' must not be null");
			this.configured = prices;
			return this;
		}

		/**
		 * Set the price file, whose prices take precedence over the built-in ones.
		 * @param file the file, or {@code null} for none
		 * @return this builder
		 */
		public Builder file(@Nullable PriceFile file) {
			this.file = file;
			return this;
		}

		/**
		 * Set the built-in prices, used for the models no other source prices.
		 * @param prices prices by model name or prefix
		 * @param asOf the date the prices were taken, or {@code null} if unknown
		 * @return this builder
		 */
		public Builder builtin(Map<String, ModelPrice> prices, @Nullable LocalDate asOf) {
			Assert.notNull(prices, "'prices' must not be null");
			this.builtin = prices;
			this.builtinAsOf = asOf;
			return this;
		}

		/**
		 * Set how often to reload the price file while the table is running.
		 * @param refresh the period, or {@code null} not to reload
		 * @return this builder
		 */
		public Builder refresh(@Nullable Duration refresh) {
			Assert.isTrue(refresh == null || (!refresh.isNegative() && !refresh.isZero()),
					"'refresh' must be positive");
			this.refresh = refresh;
			return this;
		}

		/**
		 * Set the clock that dates the loads of the price file.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "'clock' must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * Build the table, loading the price file if there is one.
		 * @return the table
		 * @throws PriceFileException if the price file cannot be loaded
		 */
		public LayeredPriceTable build() throws PriceFileException {
			return new LayeredPriceTable(this);
		}

	}

}
