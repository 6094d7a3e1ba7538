package dev.agentmetrics.sample.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentmetrics.budget.BudgetExceededException;
import dev.agentmetrics.budget.Budgets;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.sample.SampleApplication;
import dev.agentmetrics.sample.SpringAiLine;
import dev.agentmetrics.sample.ops.PrometheusServer.Alert;
import dev.agentmetrics.sample.ops.PrometheusServer.Point;
import dev.agentmetrics.sample.ops.PrometheusServer.Sample;
import dev.agentmetrics.sample.ops.PrometheusServer.Series;
import dev.agentmetrics.sample.ops.RecordedValues.Value;
import dev.agentmetrics.sample.simulator.ChatCompletionSimulator;
import dev.agentmetrics.sample.simulator.ChatCompletionSimulator.Fault;
import dev.agentmetrics.sample.simulator.SimulatorProperties;
import dev.agentmetrics.sample.traffic.TrafficGenerator;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.lang.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The operations kit against a real Prometheus: the sample app with its simulator and
 * background traffic, scraped every second on loopback, with the shipped alert rules and
 * budget alert rules (a copy with shorter {@code for:} and, where a short test cannot
 * reach them, lower thresholds, see {@link #FOR} and {@link #THRESHOLDS}).
 *
 * <p>
 * First a healthy phase (no failures but four injected ones, no tool loops), bracketed by
 * two quiet moments, when the traffic is paused and Prometheus has scraped since. At its
 * end the counters Prometheus holds are compared with what the simulator billed and what
 * the callers saw, each histogram panel of the dashboard with the values the app recorded
 * in the phase, and no alert may have been pending or firing. Then one phase per alert
 * scenario (a budget spent, a tool loop, an unpriced model, expensive runs, a prompt cache
 * that misses, a flaky provider, a slow one, a failing one), each of which must raise its
 * alerts. At the end, the counters are compared with the ledger once more. Prometheus and
 * the app are stopped whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusEndToEndTests {

	/** The shipped rule files, loaded side by side as {@code ops/prometheus/prometheus.yml} does. */
	private static final List<Path> RULES = List.of(Path.of("..", "ops", "prometheus", "agent-metrics-alerts.yml"),
			Path.of("..", "ops", "prometheus", "agent-metrics-budget-alerts.yml"));

	/**
	 * The rules' {@code for:} in the test copy: a few evaluations (one per second) instead
	 * of minutes. The breaker's is longer than the open state's 10 s wait, so that firing
	 * proves the alert stays pending through an open, half_open, open cycle; the cache
	 * ratio's is longer than the few seconds during which a newly seen model's ratio, on
	 * a handful of requests, can dip below 20% by chance. A budget's spend does not
	 * flicker: its warning may fire at the evaluation after the one it went pending at.
	 */
	private static final Map<String, String> FOR = Map.of("AgentLlmErrorRatioHigh", "5s",
			"AgentLlmErrorRatioCritical", "5s", "AgentLlmLatencyHigh", "5s", "AgentRunLatencyHigh", "5s",
			"AgentCostRateHigh", "5s", "AgentRunCostHigh", "5s", "AgentCircuitBreakerOpen", "15s",
			"AgentPromptCacheHitRatioLow", "10s", "AgentLlmRetriesHigh", "5s", "AgentBudgetNearlySpent", "1s");

	/**
	 * Thresholds lowered in the test copy, the expressions otherwise unchanged: a p95 above
	 * 20 s or 120 s would need calls or runs that each take longer than that, by the dozen
	 * (the slow outage here delays each model response by 6 s), and an average run cost
	 * above 0.50 USD over 30 minutes would need hundreds of dollars of simulated spend to
	 * outweigh the healthy phase's hundred runs at a few hundredths of a cent. The healthy
	 * phase's p95s stay below 1 s, its runs below 0.001 USD on average. The latency
	 * thresholds stay above the first, cold calls of the warm-up, which Prometheus sees
	 * too, with so few calls that one makes the p95: up to 1.4 s on Boot 3.5 and 2.2 s
	 * (a run 2.4 s) with Spring AI 2.0's OpenAI SDK on Boot 4, on a busy two-core machine;
	 * below 4 s, a p95 interpolated in the buckets up to 4 s stays below 4 s.
	 * AgentCostRateHigh keeps its 10 USD/hour.
	 */
	private static final Map<String, List<String>> THRESHOLDS = Map.of("AgentLlmLatencyHigh", List.of("> 20", "> 4"),
			"AgentRunLatencyHigh", List.of("> 120", "> 4"), "AgentRunCostHigh", List.of("> 0.5", "> 0.01"));

	private static final Set<String> ALERTS = new TreeSet<>(List.of("AgentLlmErrorRatioHigh",
			"AgentLlmErrorRatioCritical", "AgentLlmLatencyHigh", "AgentRunLatencyHigh", "AgentCostRateHigh",
			"AgentRunCostHigh", "AgentCircuitBreakerOpen", "AgentToolLoopDetected", "AgentPromptCacheHitRatioLow",
			"AgentModelUnpriced", "AgentLlmRetriesHigh", "AgentBudgetNearlySpent", "AgentBudgetSpent"));

	private static final Pattern THRESHOLD = Pattern.compile("^(.*?)\\s*(?:>|<|>=|<=)\\s*[-+0-9.eE]+\\s*$",
			Pattern.DOTALL);

	private static final String GPT_4O_MINI = "gpt-4o-mini";

	/**
	 * The test's own budget, for an agent of its own that only the budget phase calls, so
	 * that neither the traffic nor the other phases spend from it, nor does it refuse
	 * their calls. A call of that agent (a question to gpt-4o-mini, no system prompt, no
	 * tools, hence no prompt-cache hit and a cost the same every time) costs about
	 * 2e-5 USD, a twelfth of the limit: the spend can stop between 80% and 100% of it. A
	 * rolling hour, so that no calendar day starts during the test.
	 */
	private static final String BUDGET = "e2e-hourly";

	private static final String BUDGET_AGENT = "e2e-budget";

	private static final String BUDGET_LIMIT_USD = "0.00025";

	/**
	 * What both budget rules compare with their thresholds: the largest spend to limit
	 * ratio of each budget over the instances.
	 */
	private static final String BUDGET_RATIO = "max by (budget) (agent_budget_spend_usd / (agent_budget_limit_usd > 0))";

	private static final Pattern APP_SAMPLE = Pattern.compile("^([a-z_]+)\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);

	private static final ObjectMapper json = new ObjectMapper();

	private static final PriceTable prices = new PrefixMatchingPriceTable(DefaultPrices.prices());

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final RecordedValues recorded = new RecordedValues();

	private final AtomicLong testCalls = new AtomicLong();

	private final AtomicLong testFailures = new AtomicLong();

	private final Map<String, String> exprs = new TreeMap<>();

	private final long started = System.nanoTime();

	@Nullable
	private ConfigurableApplicationContext app;

	@Nullable
	private PrometheusServer prometheus;

	private int appPort;

	private TrafficGenerator traffic;

	private ChatCompletionSimulator simulator;

	/** The budget phase's calls: runs of its agent, on the app's own ChatClient. */
	private AgentRuns agentRuns;

	private ChatClient budgetClient;

	private Budgets budgets;

	/** The quiet moments before and after the healthy phase. */
	private Quiet healthyStart;

	private Quiet healthyEnd;

	@BeforeAll
	void startAndRunTheHealthyPhase(@TempDir Path directory) throws Exception {
		Path binary = LocalProcesses.findOnPath("prometheus");
		Assumptions.assumeTrue(binary != null,
				"prometheus not found on the PATH: install the Debian package 'prometheus' (.ci/run does)");
		Map<String, String> rules = new LinkedHashMap<>();
		for (Path file : RULES) {
			rules.put(file.getFileName().toString(), rulesForTest(file));
		}
		assertThat(this.exprs.keySet()).as("alerts of the shipped rules, each of which needs a scenario here")
			.containsExactlyInAnyOrderElementsOf(ALERTS);
		assertThat(List.of(this.exprs.get("AgentBudgetNearlySpent"), this.exprs.get("AgentBudgetSpent")))
			.as("expressions of the budget alerts")
			.allSatisfy((expr) -> assertThat(expr).startsWith(BUDGET_RATIO + " >= "));
		this.appPort = LocalProcesses.freePort();
		int prometheusPort = LocalProcesses.freePort();
		// Prometheus first, so that it scrapes the app from its first moments.
		this.prometheus = PrometheusServer.start(binary, directory, prometheusPort, "127.0.0.1:" + this.appPort,
				rules);
		this.app = new SpringApplicationBuilder(SampleApplication.class)
			.initializers((context) -> ((GenericApplicationContext) context).registerBean("recordedValues",
					RecordedValues.class, () -> this.recorded))
			.run("--server.port=" + this.appPort, "--server.address=127.0.0.1",
					// The sample's traffic, faster, without the tool-loop question (its own
					// phase asks it) and without random failures or slowness (the healthy
					// phase injects four failures, the outages the rest).
					"--sample.traffic.interval=50ms", "--sample.traffic.tool-loops=false",
					"--sample.simulator.rate-limit-rate=0", "--sample.simulator.server-error-rate=0",
					"--sample.simulator.slow-rate=0", "--sample.simulator.slow-delay=6s",
					"--sample.simulator.seed=7",
					// The budget phase's budget (see BUDGET), beside the sample's
					// support-daily, which the traffic spends from.
					"--agent-metrics.budgets." + BUDGET + ".agent=" + BUDGET_AGENT,
					"--agent-metrics.budgets." + BUDGET + ".limit-usd=" + BUDGET_LIMIT_USD,
					"--agent-metrics.budgets." + BUDGET + ".window=1h",
					"--agent-metrics.budgets." + BUDGET + ".action=block");
		this.traffic = this.app.getBean(TrafficGenerator.class);
		this.simulator = this.app.getBean(ChatCompletionSimulator.class);
		this.agentRuns = this.app.getBean(AgentRuns.class);
		// The auto-configured builder, which agent-metrics has given its advisors, without
		// the support agent's system prompt and tools.
		this.budgetClient = this.app.getBean(ChatClient.Builder.class).build();
		this.budgets = this.app.getBean(Budgets.class);
		this.prometheus.awaitReady(Duration.ofSeconds(60));
		log("app on port %d, Prometheus on port %d", this.appPort, prometheusPort);

		// Warm-up: every scenario twice, so that every series the healthy phase records
		// into exists before it starts (a series born inside a window loses its first
		// values to rate()).
		await("warm-up traffic", Duration.ofSeconds(60), () -> this.traffic.stats().calls() >= 20);
		logSlowest("warm-up", this.recorded.between(0, this.recorded.mark()));
		this.healthyStart = quiet();
		log("healthy phase starts at scrape %s", Instant.ofEpochMilli(this.healthyStart.scrape()));
		this.traffic.resume();
		// Two rate limits, every attempt of the call answered 429 (Spring AI 1.1 makes one, the
		// OpenAI SDK of 2.0 retries), so that the calls fail, and two server errors (retried
		// once, the calls succeed), each taken by a call of the test's own while the traffic
		// waits.
		for (Fault fault : List.of(Fault.RATE_LIMIT, Fault.SERVER_ERROR, Fault.RATE_LIMIT, Fault.SERVER_ERROR)) {
			Thread.sleep(3000);
			this.traffic.pause();
			int attempts = (fault == Fault.RATE_LIMIT) ? 1 + SpringAiLine.RATE_LIMIT_RETRIES : 1;
			for (int attempt = 0; attempt < attempts; attempt++) {
				this.simulator.injectFaults(fault);
			}
			int status = ask("What are your support hours?", null).statusCode();
			assertThat(status).as("status of /ask after an injected %s", fault)
				.isEqualTo((fault == Fault.RATE_LIMIT) ? 502 : 200);
			this.traffic.resume();
		}
		Thread.sleep(3000);
		this.healthyEnd = quiet();
		log("healthy phase ends at scrape %s, %d ms later", Instant.ofEpochMilli(this.healthyEnd.scrape()),
				this.healthyEnd.scrape() - this.healthyStart.scrape());
		this.traffic.resume();
	}

	@AfterAll
	void stop() throws Exception {
		try {
			if (this.prometheus != null) {
				this.prometheus.close();
			}
		}
		finally {
			if (this.app != null) {
				this.app.close();
			}
			log("stopped");
		}
	}

	@Test
	@Order(1)
	void healthyPhaseTokensCostCacheAndErrorsMatchTheLedgerAndTheCallers() throws Exception {
		assertCountersMatch("healthy phase", this.healthyEnd);
	}

	@Test
	@Order(2)
	void healthyPhaseHistogramPanelsAgreeWithTheRecordedValues() throws Exception {
		List<HistogramPanel> panels = HistogramPanel.fromDashboard();
		assertThat(panels.stream().filter((panel) -> panel.quantile() != null).map(HistogramPanel::metric))
			.as("quantile panel queries of the dashboard")
			.hasSizeGreaterThanOrEqualTo(7)
			.contains("agent_llm_requests_seconds", "agent_llm_time_to_first_token_seconds", "agent_runs_seconds",
					"agent_tool_calls_seconds");
		long window = this.healthyEnd.scrape() - this.healthyStart.scrape();
		List<Value> values = this.recorded.between(this.healthyStart.mark(), this.healthyEnd.mark());
		SoftAssertions softly = new SoftAssertions();
		for (HistogramPanel panel : panels) {
			assertHistogramPanel(softly, panel, window, values);
		}
		softly.assertAll();
	}

	@Test
	@Order(3)
	void healthyPhaseEveryDashboardQueryButToolLoopsReturnsData() throws Exception {
		List<String> empty = new ArrayList<>();
		for (String query : OpsKitTests.dashboardQueries()) {
			if (!query.contains("agent_tool_loops_total")
					&& vector(OpsKitTests.substitute(query), this.healthyEnd.scrape()).isEmpty()) {
				empty.add(query);
			}
		}
		assertThat(empty).as("dashboard queries without data at the end of the healthy phase").isEmpty();
	}

	@Test
	@Order(4)
	void healthyPhaseRaisesNoAlert() throws Exception {
		// The budget rules saw both budgets, and below 80%: the sample's support-daily, which
		// the traffic spends from, and the budget phase's, not spent from yet.
		Map<String, Double> ratios = byLabel(vector(BUDGET_RATIO, this.healthyEnd.scrape()), "budget");
		assertThat(ratios).as("spend / limit by budget at the end of the healthy phase")
			.containsOnlyKeys("support-daily", BUDGET)
			.containsEntry(BUDGET, 0.0);
		assertThat(ratios.get("support-daily")).as("spend / limit of support-daily at the end of the healthy phase")
			.isStrictlyBetween(0.0, 0.8);
		// ALERTS has a sample for every evaluation at which an alert was pending or firing:
		// none from Prometheus' start to the end of the healthy phase.
		List<Sample> raised = vector("max_over_time(ALERTS[10m])", this.healthyEnd.scrape());
		if (!raised.isEmpty()) {
			StringBuilder message = new StringBuilder("alerts pending or firing during the healthy phase:");
			for (Sample alert : raised) {
				String name = alert.labels().get("alertname");
				message.append("\n  ").append(alert.labels()).append("; expression now: ").append(lhs(name));
			}
			fail(message.toString());
		}
	}

	@Test
	@Order(10)
	void aBudgetSpentPastItsWarningAndThenItsLimitRaisesTheBudgetAlertsAndRefusesCalls() throws Exception {
		// The first scenario, while the provider is healthy and its breaker closed (an open
		// breaker would refuse these calls before the budget does). The refused call is an
		// error of the budget's agent, whose error ratio alerts may then fire: no later phase
		// looks at that agent.
		double limit = Double.parseDouble(BUDGET_LIMIT_USD);
		int calls = spendFromTheBudget(0.8, limit);
		BudgetInTheApp nearly = budgetInTheApp();
		assertThat(nearly.limit()).as("limit of %s in the app", BUDGET).isEqualTo(limit);
		assertThat(nearly.ratio()).as("spend / limit of %s after %d calls", BUDGET, calls)
			.isGreaterThanOrEqualTo(0.8)
			.isLessThan(1);
		// The alert's value is what the rule computed from the gauges Prometheus scraped: the
		// app's spend over its limit, to the last bit. A look every 100 ms, since each wait
		// here is only a scrape and an evaluation or two.
		Alert warning = awaitFiring(BUDGET + " past 80%", Duration.ofSeconds(30), () -> Thread.sleep(100),
				alert("AgentBudgetNearlySpent", "budget", BUDGET, "severity", "warning").withValue(nearly.ratio()))
			.get(0);
		log("%s after %d calls: spend %s USD of %s, AgentBudgetNearlySpent's value %s", BUDGET, calls, nearly.spend(),
				nearly.limit(), warning.value());
		assertThat(warning.number()).as("value of AgentBudgetNearlySpent vs spend / limit in the app")
			.isEqualTo(nearly.spend() / nearly.limit());
		assertThat(value("agent_budget_spend_usd{budget=\"" + BUDGET + "\"}"))
			.as("spend of %s, Prometheus vs app", BUDGET)
			.isEqualTo(nearly.spend());
		assertThat(activeAlerts("AgentBudgetSpent", BUDGET)).as("AgentBudgetSpent below the limit").isEmpty();

		// Past the limit: the budget is spent, and the next call is refused before any
		// request is sent.
		calls += spendFromTheBudget(1, limit);
		BudgetInTheApp spent = budgetInTheApp();
		assertThat(spent.rejections()).as("calls %s refused until then", BUDGET).isZero();
		long refusedAt = System.currentTimeMillis();
		assertThatExceptionOfType(BudgetExceededException.class).isThrownBy(this::askAsTheBudgetAgent)
			.satisfies((ex) -> assertThat(ex.getBudget()).isEqualTo(BUDGET));
		BudgetInTheApp refused = budgetInTheApp();
		assertThat(refused.rejections()).as("calls %s refused", BUDGET).isEqualTo(1);
		assertThat(refused.spend()).as("spend of %s after the refused call", BUDGET).isEqualTo(spent.spend());
		Alert critical = awaitFiring(BUDGET + " spent after " + calls + " calls", Duration.ofSeconds(30),
				() -> Thread.sleep(100),
				alert("AgentBudgetSpent", "budget", BUDGET, "severity", "critical").withValue(spent.ratio()))
			.get(0);
		log("%s after %d calls: spend %s USD of %s, AgentBudgetSpent's value %s", BUDGET, calls, spent.spend(),
				spent.limit(), critical.value());
		assertThat(critical.number()).as("value of AgentBudgetSpent vs spend / limit in the app")
			.isEqualTo(spent.spend() / spent.limit());
		assertThat(activeAlerts("AgentBudgetNearlySpent", BUDGET)).as("AgentBudgetNearlySpent past the limit")
			.isEmpty();
		long scrape = this.prometheus.awaitScrapeAfter(refusedAt, Duration.ofSeconds(10));
		assertThat(value("sum(agent_budget_rejections_total{budget=\"" + BUDGET + "\"})", scrape))
			.as("calls %s refused, in Prometheus", BUDGET)
			.isEqualTo(1);
		assertThat(value("sum(agent_llm_requests_seconds_count{agent=\"" + BUDGET_AGENT
				+ "\",error=\"budget_exceeded\"})", scrape))
			.as("calls of %s failed with budget_exceeded, in Prometheus", BUDGET_AGENT)
			.isEqualTo(1);
	}

	@Test
	@Order(11)
	void aToolLoopAndAnUnpricedModelAlertAtTheirFirstOccurrence() throws Exception {
		assertThat(ask("Please keep checking the shipment of order 1042 until it moves.", null).statusCode())
			.isEqualTo(200);
		assertThat(ask("What are your support hours?", "acme-chat-1").statusCode()).isEqualTo(200);
		awaitFiring("one tool loop, one call to an unpriced model", Duration.ofSeconds(30),
				alert("AgentToolLoopDetected", "agent", "support", "tool", "trackShipment"),
				alert("AgentModelUnpriced", "model", "acme-chat-1"));
		// The counters were born at 1: their first increment is all the alerts had.
		assertThat(value("sum(agent_tool_loops_total{tool=\"trackShipment\"})")).as("tool loops").isEqualTo(1);
		assertThat(value("sum(agent_llm_unpriced_calls_total{model=\"acme-chat-1\"})")).as("unpriced calls")
			.isEqualTo(1);
		List<String> empty = new ArrayList<>();
		for (String query : OpsKitTests.dashboardQueries()) {
			if (query.contains("agent_tool_loops_total") && vector(OpsKitTests.substitute(query), null).isEmpty()) {
				empty.add(query);
			}
		}
		assertThat(empty).as("tool-loop panel queries without data").isEmpty();
	}

	@Test
	@Order(12)
	void expensiveRunsRaiseTheSpendAlerts() throws Exception {
		// A pasted document of 320 KB (80,000 prompt tokens) to o3-pro, 20 USD per million
		// input tokens: 1.60 USD a run. The cost series is born with the first run, which
		// rate() cannot see, so the others wait for Prometheus to have it.
		String document = "Please summarise the attached conversation for the weekly report. ".repeat(5000);
		assertThat(ask(document, "o3-pro").statusCode()).isEqualTo(200);
		await("o3-pro cost series in Prometheus", Duration.ofSeconds(10),
				() -> !vector("agent_llm_cost_usd_total{model=\"o3-pro\"}", null).isEmpty());
		for (int i = 0; i < 4; i++) {
			assertThat(ask(document, "o3-pro").statusCode()).isEqualTo(200);
		}
		awaitFiring("five 1.60 USD runs", Duration.ofSeconds(30), alert("AgentCostRateHigh", "agent", "support"),
				alert("AgentRunCostHigh", "agent", "support"));
	}

	@Test
	@Order(13)
	void aPromptCacheThatKeepsMissingRaisesTheCacheAlert() throws Exception {
		outage("cache-misses");
		try {
			// A model the traffic does not use, so that its ratio is this phase's alone.
			awaitFiring("cache-misses outage, calls to gpt-4o", Duration.ofSeconds(45), () -> {
				assertThat(ask("What are your support hours?", "gpt-4o").statusCode()).isEqualTo(200);
				Thread.sleep(500);
			}, alert("AgentPromptCacheHitRatioLow", "agent", "support", "model", "gpt-4o"));
		}
		finally {
			outage("none");
		}
	}

	@Test
	@Order(14)
	void aFlakyProviderRaisesTheRetriesAlert() throws Exception {
		outage("flaky");
		try {
			awaitFiring("flaky outage", Duration.ofSeconds(60),
					alert("AgentLlmRetriesHigh", "agent", "support", "provider", "openai"));
		}
		finally {
			outage("none");
		}
	}

	@Test
	@Order(15)
	void aSlowProviderRaisesTheLatencyAlerts() throws Exception {
		outage("slow");
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService callers = Executors.newFixedThreadPool(8);
		try {
			// Eight callers besides the traffic, so that slow calls soon pass 5% of the last
			// five minutes' calls.
			for (int i = 0; i < 8; i++) {
				callers.execute(() -> {
					while (!stop.get()) {
						try {
							ask("What are your support hours?", null);
						}
						catch (Exception ex) {
							return;
						}
					}
				});
			}
			awaitFiring("slow outage", Duration.ofSeconds(60),
					alert("AgentLlmLatencyHigh", "agent", "support", "model", GPT_4O_MINI, "stream", "false"),
					alert("AgentRunLatencyHigh", "agent", "support"));
		}
		finally {
			stop.set(true);
			outage("none");
			callers.shutdown();
			assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).as("slow callers stopped").isTrue();
		}
	}

	@Test
	@Order(16)
	void aServerErrorOutageRaisesTheErrorRatioAndBreakerAlerts() throws Exception {
		String halfOpen = "sum(agent_circuit_breaker_transitions_total{name=\"openai\",from=\"open\",to=\"half_open\"})";
		String reopen = "sum(agent_circuit_breaker_transitions_total{name=\"openai\",from=\"half_open\",to=\"open\"})";
		double halfOpenBefore = value(halfOpen);
		double reopenBefore = value(reopen);
		long start = System.currentTimeMillis();
		outage("server-errors");
		try {
			List<Alert> firing = awaitFiring("server-errors outage", Duration.ofSeconds(60),
					alert("AgentLlmErrorRatioHigh", "agent", "support"),
					alert("AgentLlmErrorRatioCritical", "agent", "support"),
					alert("AgentCircuitBreakerOpen", "name", "openai"));
			// With the sample's breaker (open for 10 s, then half_open for two probes) the alert
			// (for: 15s) fired through a whole cycle: it went pending before the breaker first
			// half-opened, and a probe failed and opened it again before it fired.
			Alert breaker = firing.stream()
				.filter((alert) -> alert.name().equals("AgentCircuitBreakerOpen"))
				.findFirst()
				.orElseThrow();
			long now = System.currentTimeMillis();
			long firstHalfOpen = -1;
			for (Series series : this.prometheus.matrix(
					halfOpen.substring("sum(".length(), halfOpen.length() - 1) + "[" + (now - start + 1000) + "ms]",
					now)) {
				for (Point point : series.points()) {
					if (point.value() > halfOpenBefore && (firstHalfOpen < 0 || point.time() < firstHalfOpen)) {
						firstHalfOpen = point.time();
					}
				}
			}
			double reopened = value(reopen, now) - reopenBefore;
			assertThat(firstHalfOpen).as("time of the first open -> half_open transition during the outage")
				.isPositive();
			assertThat(reopened).as("half_open -> open transitions during the outage, before the alert fired")
				.isGreaterThanOrEqualTo(1);
			assertThat(breaker.activeAt().toEpochMilli())
				.as("AgentCircuitBreakerOpen pending since %s, breaker first seen half-opened at %s",
						breaker.activeAt(), Instant.ofEpochMilli(firstHalfOpen))
				.isLessThan(firstHalfOpen);
			log("breaker alert pending since %s, first half_open transition scraped at %s, %.0f reopenings "
					+ "before it fired", breaker.activeAt(), Instant.ofEpochMilli(firstHalfOpen), reopened);
		}
		finally {
			outage("none");
		}
	}

	@Test
	@Order(20)
	void afterAllOutagesTheCountersStillMatchTheLedgerAndTheCallers() throws Exception {
		assertCountersMatch("end", quiet());
	}

	// Ledger and callers

	/**
	 * Compare, at a quiet moment, the counters Prometheus scraped (instant values, not
	 * rates) with the simulator's ledger and with what the callers saw.
	 */
	private void assertCountersMatch(String phase, Quiet quiet) throws Exception {
		long time = quiet.scrape();
		JsonNode ledger = quiet.ledger();
		StringBuilder folded = new StringBuilder();
		Map<String, Map<String, Double>> tokens = byTwoLabels(
				billedModels(vector("sum by (model, type) (agent_llm_tokens_total)", time), folded), "model", "type");
		Map<String, Double> cost = byLabel(
				billedModels(vector("sum by (model) (agent_llm_cost_usd_total)", time), folded), "model");
		Map<String, Map<String, Double>> cache = byTwoLabels(
				billedModels(vector("sum by (model, result) (agent_llm_prompt_cache_total)", time), folded), "model",
				"result");
		Map<String, Double> unpriced = byLabel(vector("sum by (model) (agent_llm_unpriced_calls_total)", time),
				"model");
		SoftAssertions softly = new SoftAssertions();
		// One model value per model: successes, failures and billed rounds share it, so that
		// error ratio and cost by model can be computed.
		SimulatorProperties simulator = this.app.getBean(SimulatorProperties.class);
		Set<String> billedNames = new TreeSet<>(simulator.modelVersions().values());
		billedNames.removeAll(simulator.modelVersions().keySet());
		softly.assertThat(byLabel(vector("count by (model) (agent_llm_requests_seconds_count)", time), "model").keySet())
			.as("%s: model values of the calls, requested names only", phase)
			.isNotEmpty()
			.doesNotContainAnyElementsOf(billedNames);
		Set<String> models = new TreeSet<>();
		ledger.path("models").fieldNames().forEachRemaining(models::add);
		softly.assertThat(tokens.keySet()).as("%s: models with tokens in Prometheus vs models in the ledger", phase)
			.containsExactlyInAnyOrderElementsOf(models);
		double expectedTotalCost = 0;
		Set<String> expectedUnpriced = new TreeSet<>();
		StringBuilder table = new StringBuilder();
		for (String model : models) {
			JsonNode billed = ledger.path("models").path(model);
			Map<String, Double> scraped = tokens.getOrDefault(model, Map.of());
			long input = billed.path("promptTokens").asLong();
			long output = billed.path("completionTokens").asLong();
			long cacheRead = billed.path("cachedTokens").asLong();
			long reasoning = billed.path("reasoningTokens").asLong();
			for (Map.Entry<String, Long> type : Map.of("input", input, "output", output, "cache_read", cacheRead,
					"reasoning", reasoning, "cache_write", 0L)
				.entrySet()) {
				softly.assertThat(scraped.getOrDefault(type.getKey(), 0.0))
					.as("%s: %s tokens of %s, Prometheus vs ledger", phase, type.getKey(), model)
					.isEqualTo((double) type.getValue());
			}
			ModelPrice price = prices.find(model);
			double expectedCost = (price != null) ? price.cost(input, output, cacheRead, 0) : 0;
			if (price == null) {
				expectedUnpriced.add(model);
			}
			expectedTotalCost += expectedCost;
			double scrapedCost = cost.getOrDefault(model, 0.0);
			softly.assertThat(scrapedCost)
				.as("%s: cost of %s in USD, Prometheus vs the price table applied to the ledger's tokens", phase,
						model)
				.isCloseTo(expectedCost, within(1e-9));
			long requests = billed.path("requests").asLong();
			long hits = billed.path("cacheHits").asLong();
			double scrapedHits = cache.getOrDefault(model, Map.of()).getOrDefault("hit", 0.0);
			double scrapedAll = scrapedHits + cache.getOrDefault(model, Map.of()).getOrDefault("miss", 0.0);
			softly.assertThat(scrapedHits)
				.as("%s: prompt-cache hits of %s (billed requests with cached tokens), Prometheus vs ledger", phase,
						model)
				.isEqualTo((double) hits);
			softly.assertThat(scrapedAll)
				.as("%s: prompt-cache results of %s (billed requests), Prometheus vs ledger", phase, model)
				.isEqualTo((double) requests);
			table.append(String.format(
					"%n  %-24s input %8d/%-8.0f output %6d/%-6.0f cache_read %7d/%-7.0f reasoning %5d/%-5.0f "
							+ "cost %.9f/%.9f USD, cache hit ratio %d/%d = %.4f vs %.0f/%.0f = %.4f",
					model, input, scraped.getOrDefault("input", 0.0), output, scraped.getOrDefault("output", 0.0),
					cacheRead, scraped.getOrDefault("cache_read", 0.0), reasoning,
					scraped.getOrDefault("reasoning", 0.0), expectedCost, scrapedCost, hits, requests,
					(double) hits / requests, scrapedHits, scrapedAll, scrapedHits / scrapedAll));
		}
		double totalCost = value("sum(agent_llm_cost_usd_total)", time);
		softly.assertThat(totalCost).as("%s: total cost in USD, Prometheus vs ledger", phase)
			.isCloseTo(expectedTotalCost, within(1e-9));
		softly.assertThat(unpriced.keySet()).as("%s: models counted as unpriced vs ledger models without a price",
				phase)
			.containsExactlyInAnyOrderElementsOf(expectedUnpriced);

		// The error ratio: failed calls over all calls, cancelled ones left out of both, as
		// the alerts and the dashboard compute it; against what the callers (the traffic
		// and this test) saw. Each caller's call is one ChatClient call and one run.
		double errors = value("sum(agent_llm_requests_seconds_count{outcome=\"error\",error!=\"cancelled\"})", time);
		double calls = value("sum(agent_llm_requests_seconds_count{error!=\"cancelled\"})", time);
		double cancelled = value("sum(agent_llm_requests_seconds_count{error=\"cancelled\"})", time);
		double runs = value("sum(agent_runs_seconds_count)", time);
		TrafficGenerator.Stats traffic = quiet.traffic();
		long seenCalls = traffic.calls() - traffic.cancelled() + quiet.testCalls();
		long seenFailures = traffic.failed() + quiet.testFailures();
		softly.assertThat(calls).as("%s: LLM calls (cancelled left out), Prometheus vs callers", phase)
			.isEqualTo((double) seenCalls);
		softly.assertThat(errors).as("%s: failed LLM calls (cancelled left out), Prometheus vs callers", phase)
			.isEqualTo((double) seenFailures);
		softly.assertThat(cancelled).as("%s: cancelled LLM calls, Prometheus vs callers", phase)
			.isEqualTo((double) traffic.cancelled());
		softly.assertThat(errors / calls).as("%s: error ratio, Prometheus vs callers", phase)
			.isCloseTo((double) seenFailures / seenCalls, within(1e-12));
		softly.assertThat(runs).as("%s: runs, Prometheus vs callers", phase)
			.isEqualTo((double) (traffic.calls() + quiet.testCalls()));

		// Every 429 and 500 the simulator answered was either retried or ended a call. A
		// blocking call's retries count under its agent and cause; a stream's (Spring AI 2.0's
		// OpenAI SDK retries streams on its HTTP client's threads) under the default agent,
		// caused by unknown.
		double blockingRetries = 0;
		for (String kind : List.of("rate_limit", "server_error")) {
			double retried = value("sum(agent_llm_retries_total{agent=\"support\",error=\"" + kind + "\"})", time);
			double failed = value("sum(agent_llm_requests_seconds_count{stream=\"false\",error=\"" + kind + "\"})",
					time);
			long answered = ledger.path((kind.equals("rate_limit")) ? "rateLimited" : "serverErrors").asLong()
					- ledger.path((kind.equals("rate_limit")) ? "streamedRateLimited" : "streamedServerErrors")
						.asLong();
			softly.assertThat(retried + failed)
				.as("%s: %s retries of blocking calls (%.0f) + blocking calls failed with it (%.0f) vs blocking "
						+ "requests the simulator failed so", phase, kind, retried, failed)
				.isEqualTo((double) answered);
			blockingRetries += retried;
			if (kind.equals("rate_limit") && SpringAiLine.RATE_LIMIT_RETRIES == 0) {
				softly.assertThat(retried).as("%s: retries of 429s", phase).isZero();
			}
		}
		double streamRetries = value("sum(agent_llm_retries_total{agent=\"default\",error=\"unknown\"})", time);
		double allRetries = value("sum(agent_llm_retries_total)", time);
		long streamedFailed = ledger.path("streamedRateLimited").asLong()
				+ ledger.path("streamedServerErrors").asLong();
		double failedStreams = value(
				"sum(agent_llm_requests_seconds_count{stream=\"true\",error=~\"rate_limit|server_error\"})", time);
		softly.assertThat(allRetries).as("%s: retries, all vs those of blocking calls and of streams", phase)
			.isEqualTo(blockingRetries + streamRetries);
		if (SpringAiLine.STREAMS_RETRIED) {
			softly.assertThat(streamRetries + failedStreams)
				.as("%s: stream retries (%.0f) + streams failed with rate_limit or server_error (%.0f) vs streamed "
						+ "requests answered 429 or 500", phase, streamRetries, failedStreams)
				.isEqualTo((double) streamedFailed);
		}
		else {
			softly.assertThat(streamRetries).as("%s: stream retries", phase).isZero();
			softly.assertThat(failedStreams)
				.as("%s: streams failed with rate_limit or server_error vs streamed requests answered 429 or 500",
						phase)
				.isEqualTo((double) streamedFailed);
		}
		double rateLimited = value("sum(agent_llm_requests_seconds_count{error=\"rate_limit\"})", time);
		double serverErrorCalls = value("sum(agent_llm_requests_seconds_count{error=\"server_error\"})", time);
		double retries = allRetries;
		log("%s, ledger/Prometheus by model:%s%s%n  total cost %.9f/%.9f USD; calls %d/%.0f, failed %d/%.0f, "
				+ "error ratio %.6f/%.6f, cancelled %d/%.0f, runs %d/%.0f; 429s and 500s %d (%d of streams) = %.0f "
				+ "retries (%.0f of streams) + %.0f calls failed with rate_limit + %.0f with server_error", phase, table,
				folded, expectedTotalCost, totalCost, seenCalls, calls, seenFailures, errors,
				(double) seenFailures / seenCalls, errors / calls, traffic.cancelled(), cancelled,
				traffic.calls() + quiet.testCalls(), runs,
				ledger.path("rateLimited").asLong() + ledger.path("serverErrors").asLong(), streamedFailed, retries,
				streamRetries, rateLimited, serverErrorCalls);
		softly.assertAll();
	}

	// Histogram panels

	/**
	 * Check a histogram panel over the window between the two quiet moments of the
	 * healthy phase, both of them scrapes, so that the window's first and last samples lie
	 * on its bounds: rate() and increase() then extrapolate nothing and see exactly the
	 * values recorded in between.
	 * <ul>
	 * <li>Each bucket's increase over the window equals the number of values recorded in
	 * the window, for the panel's series, that are at most its bound.</li>
	 * <li>A quantile panel's answer lies within the bounds of the bucket that holds the
	 * recorded value of rank ceil(q n), n values recorded in the window for the group
	 * (when q n is a whole number m, a tie that floating point can break either way, within
	 * the bounds of the buckets of ranks m and m + 1), which histogram_quantile
	 * interpolates in: the lower bound of the first bucket is 0, and a rank in the +Inf
	 * bucket gives the largest finite bound.</li>
	 * <li>A distribution panel's answer for each bucket equals the recorded count.</li>
	 * </ul>
	 */
	private void assertHistogramPanel(SoftAssertions softly, HistogramPanel panel, long window, List<Value> values)
			throws Exception {
		String name = "panel '" + panel.title() + "' ("
				+ ((panel.quantile() != null) ? "p" + Math.round(panel.quantile() * 100) + " of " : "")
				+ panel.metric() + " by " + panel.by() + ")";
		// The raw samples of the buckets the panel sums, in the window.
		Map<Map<String, String>, TreeMap<Double, Bucket>> scraped = new LinkedHashMap<>();
		for (Series series : this.prometheus.matrix(panel.bucketSelector(window), this.healthyEnd.scrape())) {
			List<Point> points = series.points();
			Point first = points.get(0);
			Point last = points.get(points.size() - 1);
			softly.assertThat(first.time())
				.as("%s: first sample of %s in the window (a series born inside it loses its first values to "
						+ "rate())", name, series.labels())
				.isEqualTo(this.healthyStart.scrape());
			softly.assertThat(last.time()).as("%s: last sample of %s in the window", name, series.labels())
				.isEqualTo(this.healthyEnd.scrape());
			double increase = last.value() - ((first.time() == this.healthyStart.scrape()) ? first.value() : 0);
			String le = series.labels().get("le");
			scraped.computeIfAbsent(panel.group(series.labels()), (group) -> new TreeMap<>())
				.merge(panel.recordedUnit(le), new Bucket(le, increase), Bucket::plus);
		}
		Map<Map<String, String>, List<Double>> recordedByGroup = new LinkedHashMap<>();
		for (Value value : values) {
			if (value.metric().equals(panel.metric()) && panel.selects(value.tags())) {
				recordedByGroup.computeIfAbsent(panel.group(value.tags()), (group) -> new ArrayList<>())
					.add(value.value());
			}
		}
		recordedByGroup.values().forEach((list) -> list.sort(Double::compare));
		softly.assertThat(recordedByGroup).as("%s: values recorded in the window", name).isNotEmpty();
		softly.assertThat(scraped.keySet()).as("%s: groups of series in Prometheus vs groups of recorded values", name)
			.containsAll(recordedByGroup.keySet());
		List<Sample> answerSamples = vector(panel.query(window), this.healthyEnd.scrape());
		Map<Map<String, String>, Double> answers = new LinkedHashMap<>();
		for (Sample sample : answerSamples) {
			answers.put(panel.group(sample.labels()), sample.value());
		}
		for (Map.Entry<Map<String, String>, TreeMap<Double, Bucket>> group : scraped.entrySet()) {
			List<Double> recordedValues = recordedByGroup.getOrDefault(group.getKey(), List.of());
			List<Bucket> buckets = new ArrayList<>(group.getValue().values());
			List<Double> bounds = new ArrayList<>(group.getValue().keySet());
			for (int i = 0; i < buckets.size(); i++) {
				double bound = bounds.get(i);
				long count = recordedValues.stream().filter((v) -> v <= bound).count();
				softly.assertThat(buckets.get(i).increase())
					.as("%s %s: increase of bucket le=%s over the window vs values recorded <= %s", name,
							group.getKey(), buckets.get(i).le(), buckets.get(i).le())
					.isEqualTo((double) count);
			}
			Double answer = answers.get(group.getKey());
			if (panel.quantile() == null) {
				// A distribution: the panel's own answer, bucket by bucket.
				continue;
			}
			int n = recordedValues.size();
			if (n == 0) {
				softly.assertThat(answer == null || answer.isNaN())
					.as("%s %s: no value recorded in the window, Prometheus answers %s", name, group.getKey(), answer)
					.isTrue();
				continue;
			}
			double rank = panel.quantile() * n;
			long whole = Math.round(rank);
			int low;
			int high;
			String truth;
			if (Math.abs(rank - whole) < 1e-9) {
				// q n is a whole number m: the rank lands on a bucket's count, and floating point
				// decides between the buckets of the values of rank m and m + 1.
				double value = recordedValues.get((int) whole - 1);
				double next = recordedValues.get((int) Math.min(whole, n - 1));
				low = bucketOf(bounds, value);
				high = bucketOf(bounds, next);
				truth = String.format("q n = %d: the values of rank %d and %d are %.6f and %.6f", whole, whole,
						Math.min(whole + 1, n), panel.prometheusUnit(value), panel.prometheusUnit(next));
			}
			else {
				long k = (long) Math.ceil(rank);
				double value = recordedValues.get((int) k - 1);
				low = bucketOf(bounds, value);
				high = low;
				truth = String.format("the value of rank %d is %.6f", k, panel.prometheusUnit(value));
			}
			double lower = (low == 0) ? 0 : Double.parseDouble(buckets.get(low - 1).le());
			double upper = "+Inf".equals(buckets.get(high).le()) ? Double.POSITIVE_INFINITY
					: Double.parseDouble(buckets.get(high).le());
			String description = String.format(
					"%s %s: Prometheus answers %s; %d values recorded, from %.6f to %.6f; %s, within (%s, %s]", name,
					group.getKey(), answer, n, panel.prometheusUnit(recordedValues.get(0)),
					panel.prometheusUnit(recordedValues.get(n - 1)), truth, lower, upper);
			log("%s", description);
			softly.assertThat(answer).as(description).isNotNull();
			if (answer != null) {
				double tolerance = 1e-12 * Math.max(1, Math.abs(answer));
				softly.assertThat(answer)
					.as(description + ": answer outside the bucket of the recorded quantile")
					.isBetween(lower - tolerance, upper + tolerance);
			}
		}
		if (panel.quantile() == null) {
			// sum by (le, ...) (increase(...)): one answer per bucket.
			for (Sample answer : answerSamples) {
				String le = answer.labels().get("le");
				Map<String, String> group = panel.group(answer.labels());
				List<Double> recordedValues = recordedByGroup.getOrDefault(group, List.of());
				double bound = panel.recordedUnit(le);
				long count = recordedValues.stream().filter((v) -> v <= bound).count();
				softly.assertThat(answer.value())
					.as("%s %s: answer for bucket le=%s vs values recorded <= %s", name, group, le, le)
					.isCloseTo((double) count, within(1e-9));
			}
			softly.assertThat(answerSamples).as("%s: answers", name).isNotEmpty();
		}
	}

	/** The index of the bucket a value falls in: the first whose bound is at least it. */
	private static int bucketOf(List<Double> bounds, double value) {
		for (int i = 0; i < bounds.size(); i++) {
			if (value <= bounds.get(i)) {
				return i;
			}
		}
		throw new IllegalStateException("No +Inf bucket in " + bounds);
	}

	// Alerts

	/**
	 * The test copy of a shipped rule file: only the {@code for:} of {@link #FOR} and the
	 * thresholds of {@link #THRESHOLDS} changed, each exactly where expected. Its alerts'
	 * expressions go into {@link #exprs}.
	 */
	private String rulesForTest(Path file) throws IOException {
		Map<String, Object> document = new Yaml().load(Files.readString(file));
		for (Object group : (List<?>) document.get("groups")) {
			for (Object item : (List<?>) ((Map<?, ?>) group).get("rules")) {
				@SuppressWarnings("unchecked")
				Map<String, Object> rule = (Map<String, Object>) item;
				String name = (String) rule.get("alert");
				assertThat(this.exprs).as("alerts of the shipped rule files").doesNotContainKey(name);
				if (rule.containsKey("for")) {
					assertThat(FOR).as("shortened for: of %s", name).containsKey(name);
					rule.put("for", FOR.get(name));
				}
				else {
					assertThat(FOR).as("%s has no for:", name).doesNotContainKey(name);
				}
				String expr = ((String) rule.get("expr")).strip();
				List<String> threshold = THRESHOLDS.get(name);
				if (threshold != null) {
					assertThat(expr).as("threshold of %s", name).endsWith(threshold.get(0));
					expr = expr.substring(0, expr.length() - threshold.get(0).length()) + threshold.get(1);
					rule.put("expr", expr);
				}
				this.exprs.put(name, expr);
			}
		}
		return json.writerWithDefaultPrettyPrinter().writeValueAsString(document);
	}

	private List<Alert> awaitFiring(String phase, Duration timeout, ExpectedAlert... expected) throws Exception {
		return awaitFiring(phase, timeout, () -> Thread.sleep(500), expected);
	}

	/**
	 * Wait until each expected alert fires, doing the given step between two looks.
	 */
	private List<Alert> awaitFiring(String phase, Duration timeout, Step step, ExpectedAlert... expected)
			throws Exception {
		long begin = System.nanoTime();
		long deadline = begin + timeout.toNanos();
		List<Alert> alerts = List.of();
		while (System.nanoTime() < deadline) {
			alerts = this.prometheus.alerts();
			List<Alert> firing = new ArrayList<>();
			for (ExpectedAlert alert : expected) {
				alerts.stream().filter(alert::matches).findFirst().ifPresent(firing::add);
			}
			if (firing.size() == expected.length) {
				log("%s: %s firing after %d ms", phase,
						Arrays.stream(expected).map(ExpectedAlert::name).collect(Collectors.joining(", ")),
						TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin));
				return firing;
			}
			step.run();
		}
		StringBuilder message = new StringBuilder(phase + ": not firing after " + timeout + ":");
		for (ExpectedAlert alert : expected) {
			if (alerts.stream().noneMatch(alert::matches)) {
				message.append("\n  ").append(alert).append("; expression now: ").append(lhs(alert.name()));
			}
		}
		message.append("\nalerts pending or firing:");
		for (Alert alert : alerts) {
			message.append("\n  ").append(alert);
		}
		throw new AssertionError(message);
	}

	/** The value of an alert's expression without its final comparison, now. */
	private String lhs(String alert) {
		String expr = this.exprs.get(alert);
		if (expr == null) {
			return "(unknown alert)";
		}
		Matcher matcher = THRESHOLD.matcher(expr);
		String left = matcher.matches() ? matcher.group(1) : expr;
		try {
			return vector(left, null).stream()
				.map((sample) -> sample.labels() + " " + sample.value())
				.collect(Collectors.joining(", ", "[", "]"));
		}
		catch (Exception ex) {
			return "(" + ex.getMessage() + ")";
		}
	}

	private static ExpectedAlert alert(String name, String... labels) {
		Map<String, String> expected = new TreeMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			expected.put(labels[i], labels[i + 1]);
		}
		return new ExpectedAlert(name, expected, null);
	}

	/** The alerts of the given name and budget now pending or firing. */
	private List<Alert> activeAlerts(String name, String budget) throws Exception {
		return this.prometheus.alerts()
			.stream()
			.filter((alert) -> alert.name().equals(name) && budget.equals(alert.labels().get("budget")))
			.toList();
	}

	// The app

	/**
	 * Pause the traffic, wait until Prometheus has scraped since, and return the moment
	 * with what the ledger, the callers and the recorded values said then; the traffic
	 * stays paused.
	 */
	private Quiet quiet() throws Exception {
		this.traffic.pause();
		// A stream's run and call end in completion hooks that may run just after the
		// caller saw the stream end.
		Thread.sleep(300);
		int mark = this.recorded.mark();
		JsonNode ledger = ledger();
		TrafficGenerator.Stats stats = this.traffic.stats();
		long calls = this.testCalls.get();
		long failures = this.testFailures.get();
		long scrape = this.prometheus.awaitScrapeAfter(System.currentTimeMillis() + 50, Duration.ofSeconds(10));
		assertThat(this.recorded.mark()).as("values recorded while the traffic was paused").isEqualTo(mark);
		assertThat(ledger()).as("ledger while the traffic was paused").isEqualTo(ledger);
		return new Quiet(scrape, mark, ledger, stats, calls, failures);
	}

	private JsonNode ledger() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(appUri("/simulator/ledger")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET /simulator/ledger").isEqualTo(200);
		return json.readTree(response.body());
	}

	private HttpResponse<String> ask(String question, @Nullable String model) throws Exception {
		ObjectNode body = json.createObjectNode().put("question", question);
		if (model != null) {
			body.put("model", model);
		}
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(appUri("/ask"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.build(), HttpResponse.BodyHandlers.ofString());
		this.testCalls.incrementAndGet();
		if (response.statusCode() != 200) {
			this.testFailures.incrementAndGet();
		}
		return response;
	}

	/**
	 * Call as the budget's agent until its budget's spend over its limit reaches the given
	 * ratio, and return the number of calls.
	 */
	private int spendFromTheBudget(double ratio, double limit) {
		int calls = 0;
		while (this.budgets.spent(BUDGET) / limit < ratio) {
			assertThat(calls).as("calls of %s to spend %s of %s", BUDGET_AGENT, ratio, BUDGET).isLessThan(50);
			askAsTheBudgetAgent();
			calls++;
		}
		return calls;
	}

	/**
	 * One call of the budget's agent, in a run of its own as each caller's call is, with
	 * the app's agent-metrics: the sample's HTTP API only asks its support agent.
	 */
	private void askAsTheBudgetAgent() {
		this.testCalls.incrementAndGet();
		try {
			String answer = this.agentRuns.run(BUDGET_AGENT,
					() -> this.budgetClient.prompt().user("What are your support hours?").call().content());
			assertThat(answer).as("answer to the budget's agent").isNotBlank();
		}
		catch (RuntimeException ex) {
			this.testFailures.incrementAndGet();
			throw ex;
		}
	}

	/** The budget phase's budget as the app serves it at {@code /actuator/prometheus}. */
	private BudgetInTheApp budgetInTheApp() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(appUri("/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET /actuator/prometheus").isEqualTo(200);
		Map<String, Double> values = new TreeMap<>();
		Matcher sample = APP_SAMPLE.matcher(response.body());
		while (sample.find()) {
			if (sample.group(1).startsWith("agent_budget_")
					&& Arrays.asList(sample.group(2).split(",")).contains("budget=\"" + BUDGET + "\"")) {
				assertThat(values.put(sample.group(1), Double.parseDouble(sample.group(3))))
					.as("%s{budget=\"%s\"} served once", sample.group(1), BUDGET)
					.isNull();
			}
		}
		assertThat(values).as("meters of %s at /actuator/prometheus", BUDGET)
			.containsOnlyKeys("agent_budget_spend_usd", "agent_budget_limit_usd", "agent_budget_remaining_usd",
					"agent_budget_rejections_total");
		return new BudgetInTheApp(values.get("agent_budget_spend_usd"), values.get("agent_budget_limit_usd"),
				values.get("agent_budget_rejections_total"));
	}

	private void outage(String mode) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(appUri("/simulator/outage?mode=" + mode))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("POST /simulator/outage?mode=%s", mode).isEqualTo(200);
		log("outage: %s", mode);
	}

	private URI appUri(String path) {
		return URI.create("http://127.0.0.1:" + this.appPort + path);
	}

	// Prometheus

	private List<Sample> vector(String query, @Nullable Long time) throws Exception {
		return this.prometheus.vector(query, time);
	}

	private double value(String query) throws Exception {
		return value(query, null);
	}

	/** The value of a query giving at most one sample, 0 when it gives none. */
	private double value(String query, @Nullable Long time) throws Exception {
		List<Sample> samples = vector(query, time);
		assertThat(samples).as(query).hasSizeLessThanOrEqualTo(1);
		return samples.isEmpty() ? 0 : samples.get(0).value();
	}

	/**
	 * Return the samples with their {@code model} label turned into the model the
	 * simulator names in its responses for it, which its ledger counts by: agent-metrics
	 * tags every call, billed round and failure with the requested model
	 * ({@code gpt-4o-mini}), and prices it by the billed one
	 * ({@code gpt-4o-mini-2024-07-18}). Each requested model has one billed model, so
	 * the mapping loses nothing. Samples of the same model are summed; what was folded is
	 * reported.
	 */
	private List<Sample> billedModels(List<Sample> samples, StringBuilder folded) {
		SimulatorProperties simulator = this.app.getBean(SimulatorProperties.class);
		Map<Map<String, String>, Double> sums = new LinkedHashMap<>();
		for (Sample sample : samples) {
			Map<String, String> labels = new TreeMap<>(sample.labels());
			String model = labels.get("model");
			String billed = simulator.responseModel(model);
			if (!billed.equals(model)) {
				labels.put("model", billed);
				folded.append(String.format("%n  folded into %s: %s %s", billed, sample.labels(), sample.value()));
			}
			sums.merge(labels, sample.value(), Double::sum);
		}
		List<Sample> result = new ArrayList<>();
		sums.forEach((labels, value) -> result.add(new Sample(labels, value)));
		return result;
	}

	private static Map<String, Double> byLabel(List<Sample> samples, String label) {
		Map<String, Double> values = new TreeMap<>();
		samples.forEach((sample) -> values.put(sample.labels().get(label), sample.value()));
		return values;
	}

	private static Map<String, Map<String, Double>> byTwoLabels(List<Sample> samples, String first, String second) {
		Map<String, Map<String, Double>> values = new TreeMap<>();
		samples.forEach((sample) -> values.computeIfAbsent(sample.labels().get(first), (key) -> new TreeMap<>())
			.put(sample.labels().get(second), sample.value()));
		return values;
	}

	private void await(String what, Duration timeout, Condition condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				fail("Timed out after " + timeout + " waiting for " + what);
			}
			Thread.sleep(200);
		}
	}

	/** Log the slowest successful LLM call and run among the given recorded values. */
	private void logSlowest(String phase, List<Value> values) {
		Map<String, Double> slowest = new TreeMap<>();
		for (Value value : values) {
			if ("success".equals(value.tags().get("outcome")) && (value.metric().equals("agent_llm_requests_seconds")
					|| value.metric().equals("agent_runs_seconds"))) {
				String key = value.metric() + value.tags().getOrDefault("stream", "");
				slowest.merge(key, value.value() / 1e9, Math::max);
			}
		}
		log("%s: slowest successful calls and runs in seconds: %s", phase, slowest);
	}

	private void log(String format, Object... arguments) {
		System.out.printf("[e2e %6.1f s] %s%n", (System.nanoTime() - this.started) / 1e9,
				String.format(format, arguments));
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws Exception;

	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/**
	 * A quiet moment: the traffic paused, no call in flight, and a scrape taken since.
	 *
	 * @param scrape the time of that scrape, epoch milliseconds
	 * @param mark the mark of the values recorded until then
	 * @param ledger what the simulator had billed
	 * @param traffic what the traffic's calls had seen
	 * @param testCalls calls the test had made
	 * @param testFailures of which failed
	 */
	private record Quiet(long scrape, int mark, JsonNode ledger, TrafficGenerator.Stats traffic, long testCalls,
			long testFailures) {
	}

	private record Bucket(String le, double increase) {

		Bucket plus(Bucket other) {
			return new Bucket(this.le, this.increase + other.increase);
		}

	}

	/**
	 * A budget as the app serves it.
	 *
	 * @param spend its current window's spend, USD
	 * @param limit its limit, USD
	 * @param rejections the calls it refused
	 */
	private record BudgetInTheApp(double spend, double limit, double rejections) {

		double ratio() {
			return this.spend / this.limit;
		}

	}

	/**
	 * An alert expected to fire.
	 *
	 * @param name its name
	 * @param labels labels it must have, among others
	 * @param value the exact value it must have, {@code null} for any
	 */
	private record ExpectedAlert(String name, Map<String, String> labels, @Nullable Double value) {

		ExpectedAlert withValue(double value) {
			return new ExpectedAlert(this.name, this.labels, value);
		}

		boolean matches(Alert alert) {
			return "firing".equals(alert.state()) && this.name.equals(alert.name())
					&& alert.labels().entrySet().containsAll(this.labels.entrySet())
					&& (this.value == null || alert.number() == this.value);
		}

	}

}
