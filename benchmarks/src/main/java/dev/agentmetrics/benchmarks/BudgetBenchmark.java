package dev.agentmetrics.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.budget.Budget;
import dev.agentmetrics.budget.BudgetAction;
import dev.agentmetrics.budget.BudgetAdvisor;
import dev.agentmetrics.budget.BudgetWindow;
import dev.agentmetrics.budget.Budgets;
import dev.agentmetrics.budget.LocalBudgetStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.context.support.GenericApplicationContext;

/**
 * What a spend budget adds to a call: the starter's metrics advisor with the budget
 * advisor inside it, one blocking budget covering the call's agent in the instance's own
 * store, against the metrics advisor alone ({@link AdvisorBenchmark#starter}). The budget
 * checks the call before it is made and adds its cost once it is billed.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BudgetBenchmark {

	/**
	 * The metrics advisor alone: the base to subtract.
	 * @param variant the advisor
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse starter(Variants.Starter variant) {
		return variant.adviseCall();
	}

	/**
	 * The metrics advisor with one budget.
	 * @param variant the advisors
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse budgeted(Budgeted variant) {
		return variant.adviseCall();
	}

	/** The metrics advisor with the budget advisor inside it, and one budget. */
	@State(Scope.Benchmark)
	public static class Budgeted extends Variants.Variant {

		/** The budget's window: a calendar day, or a rolling hour. */
		@Param({ "day", "1h" })
		public String window;

		private Budgets budgets;

		private PrometheusMeterRegistry registry;

		@Override
		protected CallAdvisor advisor(PrometheusMeterRegistry registry) {
			this.registry = registry;
			GenericApplicationContext events = new GenericApplicationContext();
			events.refresh();
			BudgetWindow budgetWindow = "day".equals(this.window) ? BudgetWindow.day(ZoneId.of("Europe/Berlin"))
					: BudgetWindow.rolling(Duration.parse("PT" + this.window));
			// A limit no benchmark reaches: every call is checked and let through.
			Budget budget = new Budget("daily", Fixtures.DEFAULT_AGENT, 1e12, budgetWindow, BudgetAction.BLOCK, 0.8);
			this.budgets = new Budgets(List.of(budget), new LocalBudgetStore(), registry, events, Clock.systemUTC());
			Fixtures.Starter starter = Fixtures.starter(registry);
			starter.metrics().spendListener(this.budgets::spend);
			return new Nested(starter.advisor(),
					new BudgetAdvisor(this.budgets, Fixtures.DEFAULT_AGENT, BudgetAdvisor.DEFAULT_ORDER));
		}

		@Override
		protected boolean records() {
			return true;
		}

		/**
		 * Check that the budget spent what the calls cost.
		 */
		@TearDown(Level.Trial)
		public void verifySpend() {
			long calls = Checks.llmCalls(this.registry, Fixtures.DEFAULT_AGENT);
			double spent = this.budgets.spent("daily");
			double expected = calls * Fixtures.expectedCost();
			Checks.check(Math.abs(spent - expected) <= 1e-9 * Math.max(1, expected),
					"expected the budget to have spent " + expected + " USD, found " + spent);
		}

	}

	/** Two advisors in the order of a ChatClient's chain, outer first. */
	private static final class Nested implements CallAdvisor {

		private final CallAdvisor outer;

		private final CallAdvisor inner;

		// The benchmarks pass one chain: built once, so that only the advisors allocate.
		private Inner rest;

		Nested(CallAdvisor outer, CallAdvisor inner) {
			this.outer = outer;
			this.inner = inner;
		}

		@Override
		public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
			Inner rest = this.rest;
			if (rest == null || rest.chain() != chain) {
				rest = new Inner(this.inner, chain);
				this.rest = rest;
			}
			return this.outer.adviseCall(request, rest);
		}

		@Override
		public String getName() {
			return "nested";
		}

		@Override
		public int getOrder() {
			return this.outer.getOrder();
		}

	}

	/** The rest of the chain after the outer advisor: the inner one, then the chain. */
	private record Inner(CallAdvisor advisor, CallAdvisorChain chain) implements CallAdvisorChain {

		@Override
		public ChatClientResponse nextCall(ChatClientRequest request) {
			return this.advisor.adviseCall(request, this.chain);
		}

		@Override
		public List<CallAdvisor> getCallAdvisors() {
			return List.of(this.advisor);
		}

		@Override
		public CallAdvisorChain copy(CallAdvisor after) {
			return this;
		}

	}

}
