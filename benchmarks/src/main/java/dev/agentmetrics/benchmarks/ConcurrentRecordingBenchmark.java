package dev.agentmetrics.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.AgentMetrics;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;

/**
 * The starter's advisor, called directly as in {@link AdvisorBenchmark#starter} but from two
 * threads at once, into the same series (contending on the same meters) and into one series
 * per thread (sharing only the registry and the starter's caches).
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(2)
public class ConcurrentRecordingBenchmark {

	/** Agent of every call of {@link #sameSeries}. */
	static final String SHARED_AGENT = "bench";

	/** Agent prefix of {@link #distinctSeries}, followed by the thread's index. */
	static final String THREAD_AGENT_PREFIX = "bench-";

	/**
	 * Both threads record calls of the same agent and model.
	 * @param recorder the shared advisor
	 * @param thread the thread's request
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse sameSeries(Recorder recorder, SameSeries thread) {
		return recorder.advisor.adviseCall(thread.request, recorder.chain);
	}

	/**
	 * Each thread records calls of its own agent.
	 * @param recorder the shared advisor
	 * @param thread the thread's request
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse distinctSeries(Recorder recorder, DistinctSeries thread) {
		return recorder.advisor.adviseCall(thread.request, recorder.chain);
	}

	/**
	 * The starter's advisor and registry, shared by all threads as an application shares
	 * its beans.
	 */
	@State(Scope.Benchmark)
	public static class Recorder {

		private PrometheusMeterRegistry registry;

		CallAdvisor advisor;

		final CallAdvisorChain chain = new FixedResponseChain(Fixtures.clientResponse());

		/**
		 * Build the advisor and check that a call naming its agent records into it.
		 */
		@Setup(Level.Trial)
		public void setUp() {
			this.registry = Fixtures.registry();
			this.advisor = Fixtures.starter(this.registry).advisor();
			this.advisor.adviseCall(Fixtures.request(Map.of(AgentMetrics.AGENT, "setup")), this.chain);
			long calls = Checks.llmCalls(this.registry, "setup");
			Checks.check(calls == 1, "expected 1 recorded call, found " + calls);
		}

		/**
		 * Check that every thread's calls were recorded into its series.
		 * @param params the benchmark that ran
		 */
		@TearDown(Level.Trial)
		public void verify(BenchmarkParams params) {
			if (params.getBenchmark().endsWith(".sameSeries")) {
				Checks.llmCalls(this.registry, SHARED_AGENT);
			}
			else {
				for (int thread = 0; thread < params.getThreads(); thread++) {
					Checks.llmCalls(this.registry, THREAD_AGENT_PREFIX + thread);
				}
			}
		}

	}

	/** The request of a thread of {@link #sameSeries}: the same agent as every other thread. */
	@State(Scope.Thread)
	public static class SameSeries {

		final ChatClientRequest request = Fixtures.request(Map.of(AgentMetrics.AGENT, SHARED_AGENT));

	}

	/** The request of a thread of {@link #distinctSeries}: an agent of its own. */
	@State(Scope.Thread)
	public static class DistinctSeries {

		ChatClientRequest request;

		/**
		 * Name this thread's agent after its index.
		 * @param thread the thread
		 */
		@Setup(Level.Trial)
		public void setUp(ThreadParams thread) {
			this.request = Fixtures.request(Map.of(AgentMetrics.AGENT, THREAD_AGENT_PREFIX + thread.getThreadIndex()));
		}

	}

}
