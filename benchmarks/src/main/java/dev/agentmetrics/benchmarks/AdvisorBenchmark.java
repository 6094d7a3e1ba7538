package dev.agentmetrics.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.ai.chat.client.ChatClientResponse;

/**
 * Each advisor alone, {@code adviseCall} with a pre-built request and a chain returning a
 * pre-built response, so that {@code X - emptyAdvisor} is the cost of recording without
 * ChatClient's far larger and noisier cost around it.
 *
 * @author agent-metrics
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class AdvisorBenchmark {

	/**
	 * An advisor that only passes the call on: the base to subtract.
	 * @param variant the advisor
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse emptyAdvisor(Variants.Empty variant) {
		return variant.adviseCall();
	}

	/**
	 * Hand-written recording into meters registered once.
	 * @param variant the advisor
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse reference(Variants.Reference variant) {
		return variant.adviseCall();
	}

	/**
	 * Hand-written recording that registers its meters on every call.
	 * @param variant the advisor
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse perCallRegister(Variants.PerCallRegister variant) {
		return variant.adviseCall();
	}

	/**
	 * The starter's advisor.
	 * @param variant the advisor
	 * @return the response
	 */
	@Benchmark
	public ChatClientResponse starter(Variants.Starter variant) {
		return variant.adviseCall();
	}

}
