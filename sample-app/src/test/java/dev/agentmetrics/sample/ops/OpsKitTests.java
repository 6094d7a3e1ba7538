package dev.agentmetrics.sample.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.budget.Budget;
import dev.agentmetrics.budget.BudgetAction;
import dev.agentmetrics.budget.BudgetWindow;
import dev.agentmetrics.budget.Budgets;
import dev.agentmetrics.budget.LocalBudgetStore;
import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.openai.OpenAiUsageReader;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.resilience.CircuitBreakerStateMetrics;
import dev.agentmetrics.resilience.LlmRetryMeters;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.support.DefaultBuckets;
import dev.agentmetrics.support.FailedCallHistogramsMeterFilter;
import dev.agentmetrics.support.HistogramDefaultsMeterFilter;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.ToolMetrics;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The operations kit in {@code ops/}: the alert rules and the Prometheus configuration are
 * valid, the rules' unit tests pass, and every metric the rules use is one agent-metrics
 * serves, so that a renamed meter breaks the build instead of silencing an alert.
 */
class OpsKitTests {

	private static final Path PROMETHEUS = Path.of("..", "ops", "prometheus");

	private static final Path DASHBOARD = Path.of("..", "ops", "grafana", "dashboards", "agent-metrics.json");

	private static final ObjectMapper json = new ObjectMapper();

	private static final Pattern METRIC = Pattern.compile("\\b(agent_[a-z_]+)\\b");

	@Test
	void alertRulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", "agent-metrics-alerts.yml")).contains("SUCCESS: 11 rules found");
	}

	@Test
	void alertRulesPassTheirUnitTests() throws Exception {
		assertThat(promtool("test", "rules", "agent-metrics-alerts.test.yml")).contains("SUCCESS");
	}

	@Test
	void budgetAlertRulesAreValidAndPassTheirUnitTests() throws Exception {
		assertThat(promtool("check", "rules", "agent-metrics-budget-alerts.yml")).contains("SUCCESS: 2 rules found");
		assertThat(promtool("test", "rules", "agent-metrics-budget-alerts.test.yml")).contains("SUCCESS");
	}

	@Test
	void budgetAlertRulesOnlyUseMetricsAgentMetricsServes() throws IOException {
		Set<String> used = new TreeSet<>();
		Matcher matcher = METRIC.matcher(Files.readString(PROMETHEUS.resolve("agent-metrics-budget-alerts.yml")));
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		assertThat(used).containsExactlyInAnyOrder("agent_budget_spend_usd", "agent_budget_limit_usd",
				"agent_budget_rejections_total");
		assertThat(servedNames()).containsAll(used);
	}

	@Test
	void prometheusConfigurationIsValid() throws Exception {
		assertThat(promtool("check", "config", "prometheus.yml"))
			.contains("is valid prometheus config file syntax");
	}

	@Test
	void alertRulesOnlyUseMetricsAgentMetricsServes() throws IOException {
		Set<String> used = new TreeSet<>();
		Matcher matcher = METRIC.matcher(Files.readString(PROMETHEUS.resolve("agent-metrics-alerts.yml")));
		while (matcher.find()) {
			used.add(matcher.group(1));
		}
		assertThat(used).hasSizeGreaterThan(10);
		assertThat(servedNames()).containsAll(used);
	}

	@Test
	void dashboardOnlyUsesMetricsAgentMetricsServes() throws IOException {
		Set<String> used = new TreeSet<>();
		for (String query : dashboardQueries()) {
			Matcher matcher = METRIC.matcher(query);
			while (matcher.find()) {
				used.add(matcher.group(1));
			}
		}
		assertThat(used).hasSizeGreaterThan(15);
		assertThat(servedNames()).containsAll(used);
	}

	@Test
	void dashboardQueriesAreValidPromQl(@TempDir Path directory) throws Exception {
		// promtool parses recording rules: one per panel query, the variables substituted as
		// Grafana does.
		StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
		List<String> queries = dashboardQueries();
		for (int i = 0; i < queries.size(); i++) {
			rules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
				.append(json.writeValueAsString(substitute(queries.get(i)))).append('\n');
		}
		Path file = directory.resolve("dashboard-queries.yml");
		Files.writeString(file, rules);
		assertThat(promtool("check", "rules", file.toAbsolutePath().toString()))
			.contains("SUCCESS: " + queries.size() + " rules found");
	}

	/**
	 * Return the dashboard's panel queries with its variables substituted.
	 * @param query a panel query
	 * @return the query as Grafana sends it for all agents and models, over the last hour
	 */
	static String substitute(String query) {
		return query.replace("$agent", ".*")
			.replace("$model", ".*")
			.replace("$__rate_interval", "1m")
			.replace("$__range", "1h");
	}

	static List<String> dashboardQueries() throws IOException {
		List<String> queries = new java.util.ArrayList<>();
		for (JsonNode panel : json.readTree(DASHBOARD.toFile()).path("panels")) {
			for (JsonNode target : panel.path("targets")) {
				queries.add(target.path("expr").asText());
			}
		}
		return queries;
	}

	/** The sample names agent-metrics serves once every one of its meters has moved. */
	private static Set<String> servedNames() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		// The histogram defaults the auto-configuration registers.
		registry.config()
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.llm()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.runs()))
			.meterFilter(new HistogramDefaultsMeterFilter(DefaultBuckets.tools()))
			.meterFilter(new FailedCallHistogramsMeterFilter());
		DefaultErrorClassifier classifier = new DefaultErrorClassifier();
		ErrorMetrics errors = new ErrorMetrics(registry);
		LlmMetrics llm = new LlmMetrics(registry, new PrefixMatchingPriceTable(DefaultPrices.prices()), classifier,
				errors, List.of(new OpenAiUsageReader()));
		AgentRuns runs = new AgentRuns(new RunMetrics(registry, classifier, errors));
		ToolMetrics tools = new ToolMetrics(registry, classifier, errors, LoopDetection.DEFAULTS, "default");
		// What counts retries differs between the lines (a RetryTemplate listener on Spring AI
		// 1.1, an interceptor of the OpenAI SDK's HTTP client on 2.0); both count into these.
		new LlmRetryMeters(registry, TagValueLimiter.unlimited()).retried("support", "openai",
				ErrorKind.SERVER_ERROR);
		CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();
		new CircuitBreakerStateMetrics(circuitBreakers, registry, null).afterSingletonsInstantiated();
		circuitBreakers.circuitBreaker("openai").transitionToOpenState();

		ChatModel model = new ChatModel() {
			@Override
			public ChatResponse call(Prompt prompt) {
				String requested = prompt.getOptions().getModel();
				if ("broken".equals(requested)) {
					throw new IllegalStateException("HTTP 500 - down");
				}
				return response(requested, "Hi");
			}

			@Override
			public Flux<ChatResponse> stream(Prompt prompt) {
				return Flux.just(response(prompt.getOptions().getModel(), "Hi"));
			}
		};
		ChatClient chatClient = ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).defaultProvider("openai").build())
			.build();
		ToolCallback search = new ToolCallback() {
			@Override
			public ToolDefinition getToolDefinition() {
				return DefaultToolDefinition.builder().name("search").description("d").inputSchema("{}").build();
			}

			@Override
			public String call(String toolInput) {
				return "found";
			}
		};
		// Options through a Prompt: the request spec takes options on Spring AI 1.1, an
		// options builder on 2.0.
		runs.run("support", () -> {
			chatClient.prompt(prompt("gpt-4o-mini")).call().content();
			chatClient.prompt(prompt("acme-chat-1")).call().content();
			chatClient.prompt(prompt("gpt-4o-mini")).stream().content().blockLast();
			assertThatException().isThrownBy(() -> chatClient.prompt(prompt("broken"))
				.advisors((a) -> a.param(AgentMetrics.AGENT, "support"))
				.call()
				.content());
			for (int i = 0; i < 3; i++) {
				tools.call(search, "{\"q\":\"same\"}", null);
			}
		});
		// A budget, which registers its gauges and counter at once.
		new Budgets(List.of(new Budget("daily", Budget.ALL_AGENTS, 1.0, BudgetWindow.day(ZoneOffset.UTC),
				BudgetAction.BLOCK, 0.8)), new LocalBudgetStore(), registry, null, Clock.systemUTC());
		Set<String> names = new TreeSet<>();
		for (String line : registry.scrape().split("\n")) {
			if (!line.isBlank() && !line.startsWith("#")) {
				names.add(line.split("[{ ]", 2)[0]);
			}
		}
		return names;
	}

	private static Prompt prompt(String model) {
		return new Prompt("Hi", ChatOptions.builder().model(model).build());
	}

	private static ChatResponse response(String model, String text) {
		DefaultUsage usage = new DefaultUsage(100, 20);
		return new ChatResponse(
				List.of(new Generation(new AssistantMessage(text),
						ChatGenerationMetadata.builder().finishReason("STOP").build())),
				ChatResponseMetadata.builder().model(model).usage(usage).build());
	}

	private static String promtool(String... arguments) throws Exception {
		Path promtool = LocalProcesses.findOnPath("promtool");
		Assumptions.assumeTrue(promtool != null,
				"promtool not found on the PATH: install the Debian package 'prometheus' (.ci/run does)");
		List<String> command = new java.util.ArrayList<>();
		command.add(promtool.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
