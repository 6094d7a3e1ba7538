package dev.agentmetrics.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.ModelPrice;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.test.TestRecorders;
import dev.agentmetrics.test.TestTools;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.retry.TransientAiException;
import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * 8 threads x 20,000 agent runs mixing successful and failed LLM calls, tool calls and tool
 * loops: every counter equals the expected total exactly, the cost to within 1e-9
 * relative, and no run is left active.
 */
class LoadExactnessTests {

	private static final int THREADS = 8;

	private static final int RUNS_PER_THREAD = 20_000;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void everyCounterIsExactUnderConcurrentLoad() throws Exception {
		TestRecorders recorders = TestRecorders.of(this.registry, TagValueLimiter.unlimited());
		LlmMetrics llm = recorders.llm();
		AgentRuns runs = recorders.runs();
		ToolMetrics tools = recorders.tools();
		// Each call's usage and outcome are a function of its number, carried in the prompt.
		StubChatModel model = new StubChatModel().answer((prompt) -> {
			int n = Integer.parseInt(prompt.getUserMessage().getText());
			if (n % 10 == 9) {
				throw new TransientAiException("HTTP 500 - simulated");
			}
			return StubChatModel.response("ok", modelOf(n),
					StubChatModel.openAiUsage(prompt(n), completion(n), cached(n), reasoning(n)));
		});
		ChatClient chatClient = ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.build();
		ToolCallback search = TestTools.named("search");

		ExecutorService executor = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			futures.add(executor.submit(() -> {
				for (int i = 0; i < RUNS_PER_THREAD; i++) {
					int n = thread * RUNS_PER_THREAD + i;
					runs.run(agentOf(n), () -> {
						try {
							chatClient.prompt(Integer.toString(n))
								.advisors((a) -> a.param(AgentMetrics.AGENT, agentOf(n)))
								.call()
								.content();
						}
						catch (TransientAiException ex) {
							// Expected for every tenth call.
						}
						// Two distinct tool calls, and every 50th run a loop of three identical ones.
						tools.call(search, "{\"q\":" + n + "}", null);
						tools.call(search, "{\"q\":" + (n + 1) + "}", null);
						if (n % 50 == 0) {
							for (int k = 0; k < 3; k++) {
								tools.call(search, "{\"loop\":true}", null);
							}
						}
					});
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get(5, TimeUnit.MINUTES);
		}
		executor.shutdown();

		long total = (long) THREADS * RUNS_PER_THREAD;
		long failed = 0;
		long loops = 0;
		long[] tokens = new long[4];
		double cost = 0;
		for (int n = 0; n < total; n++) {
			if (n % 50 == 0) {
				loops++;
			}
			if (n % 10 == 9) {
				failed++;
				continue;
			}
			tokens[0] += prompt(n);
			tokens[1] += completion(n);
			tokens[2] += cached(n);
			tokens[3] += reasoning(n);
			ModelPrice price = DefaultPrices.prices().get(modelOf(n).startsWith("gpt-4o-mini") ? "gpt-4o-mini" : "gpt-4o");
			cost += price.cost(prompt(n), completion(n), cached(n), 0);
		}
		assertThat(sum(Search.in(this.registry).name("agent.llm.requests").tag("outcome", "success")))
			.isEqualTo(total - failed);
		assertThat(sum(Search.in(this.registry).name("agent.llm.requests").tag("error", "server_error")))
			.isEqualTo(failed);
		assertThat(counter("agent.llm.tokens", "type", "input")).isEqualTo(tokens[0]);
		assertThat(counter("agent.llm.tokens", "type", "output")).isEqualTo(tokens[1]);
		assertThat(counter("agent.llm.tokens", "type", "cache_read")).isEqualTo(tokens[2]);
		assertThat(counter("agent.llm.tokens", "type", "reasoning")).isEqualTo(tokens[3]);
		assertThat(counter("agent.llm.cost", null, null)).isCloseTo(cost, within(cost * 1e-9));
		assertThat(counter("agent.errors", "source", "llm")).isEqualTo(failed);
		assertThat(sum(Search.in(this.registry).name("agent.runs"))).isEqualTo(total);
		assertThat(sum(Search.in(this.registry).name("agent.tool.calls"))).isEqualTo(2 * total + 3 * loops);
		assertThat(counter("agent.tool.loops", null, null)).isEqualTo(loops);
		double toolCallsInRuns = Search.in(this.registry).name("agent.run.tool.calls").summaries().stream()
			.mapToDouble((summary) -> summary.totalAmount()).sum();
		assertThat(toolCallsInRuns).isEqualTo(2 * total + 3 * loops);
		double llmCallsInRuns = Search.in(this.registry).name("agent.run.llm.calls").summaries().stream()
			.mapToDouble((summary) -> summary.totalAmount()).sum();
		assertThat(llmCallsInRuns).isEqualTo(total);
		assertThat(Search.in(this.registry).name("agent.runs.active").gauges())
			.allSatisfy((gauge) -> assertThat(gauge.value()).isZero());
	}

	private static String agentOf(int n) {
		return (n % 2 == 0) ? "support" : "billing";
	}

	private static String modelOf(int n) {
		return (n % 3 == 0) ? "gpt-4o-2024-08-06" : "gpt-4o-mini-2024-07-18";
	}

	private static int prompt(int n) {
		return 100 + n % 97;
	}

	private static int completion(int n) {
		return 20 + n % 13;
	}

	private static int cached(int n) {
		return (n % 4 == 0) ? 64 : 0;
	}

	private static int reasoning(int n) {
		return (n % 5 == 0) ? 7 : 0;
	}

	private double counter(String name, String tag, String value) {
		Search search = Search.in(this.registry).name(name);
		if (tag != null) {
			search = search.tag(tag, value);
		}
		return search.counters().stream().mapToDouble((counter) -> counter.count()).sum();
	}

	private static double sum(Search timers) {
		return timers.timers().stream().mapToDouble((timer) -> timer.count()).sum();
	}

}
