package dev.agentmetrics.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.model.ChatResponse;

/**
 * Whole ChatClient calls, {@code prompt("hi").call().chatResponse()} against an in-memory
 * model, with each advisor: the difference to {@link #baseline} is what the advisor adds
 * to a real call.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChatClientBenchmark {

	/**
	 * A ChatClient without advisors of ours.
	 * @param variant the client
	 * @return the response
	 */
	@Benchmark
	public ChatResponse baseline(Variants.NoAdvisor variant) {
		return variant.call();
	}

	/**
	 * A ChatClient with an advisor that only passes the call on.
	 * @param variant the client
	 * @return the response
	 */
	@Benchmark
	public ChatResponse emptyAdvisor(Variants.Empty variant) {
		return variant.call();
	}

	/**
	 * A ChatClient with hand-written recording into meters registered once.
	 * @param variant the client
	 * @return the response
	 */
	@Benchmark
	public ChatResponse reference(Variants.Reference variant) {
		return variant.call();
	}

	/**
	 * A ChatClient with hand-written recording that registers its meters on every call.
	 * @param variant the client
	 * @return the response
	 */
	@Benchmark
	public ChatResponse perCallRegister(Variants.PerCallRegister variant) {
		return variant.call();
	}

	/**
	 * A ChatClient with the starter's advisor.
	 * @param variant the client
	 * @return the response
	 */
	@Benchmark
	public ChatResponse starter(Variants.Starter variant) {
		return variant.call();
	}

}
