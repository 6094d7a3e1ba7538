package dev.agentmetrics.benchmarks;

import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.AgentTag;
import dev.agentmetrics.run.AgentRunAspect;
import dev.agentmetrics.tool.MeteredToolCallback;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.aop.aspectj.annotation.AspectJProxyFactory;

/**
 * Whole {@code @AgentRun} runs, one ChatClient call and two tool calls each, with the
 * starter (advised client, metered tools, the run aspect's proxy) and without it; and an
 * empty run, proxied and called directly, for the run advice alone.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AgentRunBenchmark {

	/**
	 * A run with the starter recording the run, its LLM call and its tool calls.
	 * @param agents the agents
	 * @return the run's result
	 */
	@Benchmark
	public int withStarter(Agents agents) {
		return agents.metered.answer();
	}

	/**
	 * The same run's code without the starter.
	 * @param agents the agents
	 * @return the run's result
	 */
	@Benchmark
	public int withoutStarter(Agents agents) {
		return agents.plain.answer();
	}

	/**
	 * An empty run through the run aspect's proxy.
	 * @param agents the agents
	 * @return the run's result
	 */
	@Benchmark
	public int idleRunProxied(Agents agents) {
		return agents.metered.idle();
	}

	/**
	 * The empty run's method called directly.
	 * @param agents the agents
	 * @return the run's result
	 */
	@Benchmark
	public int idleRunDirect(Agents agents) {
		return agents.plain.idle();
	}

	/**
	 * The agent with the starter, proxied as the auto-configured aspect proxies beans, and
	 * the same agent without it.
	 */
	@State(Scope.Benchmark)
	public static class Agents {

		private PrometheusMeterRegistry registry;

		BenchAgent metered;

		BenchAgent plain;

		/**
		 * Build both agents and check that one run of each proxied method records.
		 */
		@Setup(Level.Trial)
		public void setUp() {
			this.registry = Fixtures.registry();
			Fixtures.Starter starter = Fixtures.starter(this.registry);
			ToolCallback weather = new ConstantTool("weather", "sunny");
			ToolCallback orders = new ConstantTool("order_status", "shipped");
			ChatClient advised = ChatClient.builder(new FixedChatModel()).defaultAdvisors(starter.advisor()).build();
			AspectJProxyFactory proxyFactory = new AspectJProxyFactory(new BenchAgent(advised,
					MeteredToolCallback.of(weather, starter.tools()), MeteredToolCallback.of(orders, starter.tools())));
			proxyFactory.addAspect(new AgentRunAspect(starter.runs()));
			this.metered = proxyFactory.getProxy();
			this.plain = new BenchAgent(ChatClient.create(new FixedChatModel()), weather, orders);
			this.plain.answer();
			this.plain.idle();
			Checks.check(this.registry.getMeters().isEmpty(), "the agent without the starter recorded");
			this.metered.answer();
			this.metered.idle();
			Checks.check(runs() == 1 && idleRuns() == 1, "expected one run of each agent, found " + runs() + " and "
					+ idleRuns());
			verifyRuns();
		}

		/**
		 * Check that the measured runs were recorded, and recorded whole.
		 * @param params the benchmark that ran
		 */
		@TearDown(Level.Trial)
		public void verify(BenchmarkParams params) {
			String benchmark = params.getBenchmark();
			verifyRuns();
			if (benchmark.endsWith(".withStarter")) {
				Checks.check(runs() > 1, "the measured runs were not recorded");
			}
			else if (benchmark.endsWith(".idleRunProxied")) {
				Checks.check(idleRuns() > 1, "the measured empty runs were not recorded");
			}
			else {
				Checks.check(runs() == 1 && idleRuns() == 1, "a run without the starter was recorded");
			}
		}

		/** Check that each run recorded its LLM call, into the run's agent, and both tool calls. */
		private void verifyRuns() {
			long runs = runs();
			long calls = Checks.llmCalls(this.registry, BenchAgent.AGENT);
			long weatherCalls = toolCalls("weather");
			long orderCalls = toolCalls("order_status");
			Checks.check(calls == runs && weatherCalls == runs && orderCalls == runs,
					"runs, LLM calls and tool calls disagree: " + runs + ", " + calls + ", " + weatherCalls + ", "
							+ orderCalls);
		}

		private long runs() {
			return Checks.timerCount(this.registry, AgentMeters.RUNS.getName(), AgentTag.AGENT.asString(), BenchAgent.AGENT,
					AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS);
		}

		private long idleRuns() {
			return Checks.timerCount(this.registry, AgentMeters.RUNS.getName(), AgentTag.AGENT.asString(), BenchAgent.IDLE_AGENT,
					AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS);
		}

		private long toolCalls(String tool) {
			return Checks.timerCount(this.registry, AgentMeters.TOOL_CALLS.getName(), AgentTag.AGENT.asString(), BenchAgent.AGENT,
					AgentTag.TOOL.asString(), tool, AgentTag.OUTCOME.asString(), AgentTag.OUTCOME_SUCCESS);
		}

	}

}
