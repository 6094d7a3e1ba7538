package dev.agentmetrics.tool;

import java.util.concurrent.atomic.AtomicInteger;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import dev.agentmetrics.test.TestTools;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ToolMetricsTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final ErrorMetrics errorMetrics = new ErrorMetrics(this.registry);

	private final AgentRuns runs = new AgentRuns(
			new RunMetrics(this.registry, new DefaultErrorClassifier(), this.errorMetrics));

	private final AtomicInteger executions = new AtomicInteger();

	private final ToolCallback search = TestTools.named("search", this.executions);

	@Test
	void recordsALoopOnceAndKeepsCallingInRecordMode() {
		ToolMetrics metrics = metrics(new LoopDetection(true, 8, 3, LoopDetection.Action.RECORD));
		this.runs.run("researcher", () -> {
			for (int i = 0; i < 5; i++) {
				metrics.call(this.search, "{\"q\": \"spring\", \"page\": 1}", null);
			}
		});
		assertThat(this.executions).hasValue(5);
		assertThat(loops("researcher")).isEqualTo(1);
		assertThat(this.registry.get("agent.tool.calls").tag("agent", "researcher").tag("outcome", "success").timer()
			.count()).isEqualTo(5);
		assertThat(this.registry.get("agent.run.tool.calls").tag("agent", "researcher").summary().totalAmount())
			.isEqualTo(5);
	}

	@Test
	void blocksTheCallThatCompletesALoopInBlockMode() {
		ToolMetrics metrics = metrics(new LoopDetection(true, 8, 3, LoopDetection.Action.BLOCK));
		assertThatExceptionOfType(ToolLoopDetectedException.class).isThrownBy(() -> this.runs.run("researcher", () -> {
			metrics.call(this.search, "{\"q\":\"spring\",\"page\":1}", null);
			metrics.call(this.search, "{\"page\":1,\"q\":\"spring\"}", null);
			metrics.call(this.search, "{ \"q\" : \"spring\", \"page\" : 1 }", null);
		})).satisfies((ex) -> {
			assertThat(ex.getTool()).isEqualTo("search");
			assertThat(ex.getRepeats()).isEqualTo(3);
		});
		assertThat(this.executions).hasValue(2);
		assertThat(loops("researcher")).isEqualTo(1);
		assertThat(this.registry.get("agent.tool.calls").tag("outcome", "error").tag("error", "loop_detected").timer()
			.count()).isOne();
		assertThat(this.registry.get("agent.errors").tag("source", "tool").tag("kind", "loop_detected").counter()
			.count()).isOne();
		assertThat(this.registry.get("agent.runs").tag("error", "loop_detected").timer().count()).isOne();
	}

	@Test
	void onlyCountsRepeatsWithinTheWindow() {
		ToolMetrics metrics = metrics(new LoopDetection(true, 4, 3, LoopDetection.Action.RECORD));
		this.runs.run("researcher", () -> {
			for (int i = 0; i < 3; i++) {
				metrics.call(this.search, "{\"q\":\"same\"}", null);
				metrics.call(this.search, "{\"q\":\"other-" + i + "\"}", null);
				metrics.call(this.search, "{\"q\":\"another-" + i + "\"}", null);
			}
		});
		assertThat(this.registry.find("agent.tool.loops").counters()).allSatisfy(
				(counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void tellsToolsApartWhenTheirArgumentsAreTheSame() {
		ToolMetrics metrics = metrics(new LoopDetection(true, 8, 3, LoopDetection.Action.BLOCK));
		ToolCallback fetch = TestTools.named("fetch", this.executions);
		this.runs.run("researcher", () -> {
			metrics.call(this.search, "{\"q\":\"spring\"}", null);
			metrics.call(fetch, "{\"q\":\"spring\"}", null);
			metrics.call(this.search, "{\"q\":\"spr\\u0069ng\"}", null);
			metrics.call(fetch, "{\"q\":\"spring\"}", null);
		});
		assertThat(this.executions).hasValue(4);
		assertThat(this.registry.find("agent.tool.loops").counters()).allSatisfy(
				(counter) -> assertThat(counter.count()).isZero());
		// The escaped argument was the same as the first: a third identical call is a loop.
		assertThatExceptionOfType(ToolLoopDetectedException.class).isThrownBy(() -> this.runs.run("researcher", () -> {
			metrics.call(this.search, "{\"q\":\"spring\"}", null);
			metrics.call(this.search, "{\"q\":\"spr\\u0069ng\"}", null);
			metrics.call(this.search, "{\"q\" : \"spring\"}", null);
		}));
		assertThat(this.executions).hasValue(6);
	}

	@Test
	void keepsLoopWindowsPerRun() {
		ToolMetrics metrics = metrics(new LoopDetection(true, 8, 3, LoopDetection.Action.RECORD));
		for (int run = 0; run < 3; run++) {
			this.runs.run("researcher", () -> {
				metrics.call(this.search, "{\"q\":\"spring\"}", null);
				metrics.call(this.search, "{\"q\":\"spring\"}", null);
			});
		}
		assertThat(loops("researcher")).isZero();
	}

	@Test
	void recordsToolCallsOutsideRunsAndCallsWithTheDefaultAgent() {
		ToolMetrics metrics = metrics(LoopDetection.DEFAULTS);
		metrics.call(this.search, "{}", null);
		assertThat(this.registry.get("agent.tool.calls").tag("agent", "default").tag("tool", "search").timer().count())
			.isOne();
	}

	@Test
	void recordsAFailingToolAndRethrows() {
		ToolMetrics metrics = metrics(LoopDetection.DEFAULTS);
		ToolCallback broken = new ToolCallback() {
			@Override
			public ToolDefinition getToolDefinition() {
				return DefaultToolDefinition.builder().name("broken").description("d").inputSchema("{}").build();
			}

			@Override
			public String call(String toolInput) {
				throw new IllegalStateException("down");
			}
		};
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> metrics.call(broken, "{}", null));
		assertThat(this.registry.get("agent.tool.calls").tag("tool", "broken").tag("error", "tool_failure").timer()
			.count()).isOne();
	}

	private ToolMetrics metrics(LoopDetection loopDetection) {
		return new ToolMetrics(this.registry, new DefaultErrorClassifier(), this.errorMetrics, loopDetection,
				"default");
	}

	private double loops(String agent) {
		return this.registry.get("agent.tool.loops").tag("agent", agent).counter().count();
	}

}
