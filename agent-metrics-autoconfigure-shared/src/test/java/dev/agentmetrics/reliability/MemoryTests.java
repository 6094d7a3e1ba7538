package dev.agentmetrics.reliability;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.test.TestRecorders;
import dev.agentmetrics.test.TestTools;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.tool.ToolCallback;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 100,000 distinct runs and as many calls outside runs, each with its own conversation,
 * tool arguments, a tool loop and a model name of its own: the retained heap stays flat,
 * because the state of a finished run or call is released and every map the starter keeps
 * is bounded.
 */
class MemoryTests {

	private static final int RUNS = 100_000;

	/**
	 * Far below what 100,000 leaked runs would hold (each run's state, with its tool-call
	 * window, is several hundred bytes), far above the noise of a full GC.
	 */
	private static final long FLAT = 4 * 1024 * 1024;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicReference<LlmCall> lastCall = new AtomicReference<>();

	private final AtomicReference<AgentRunContext> lastRun = new AtomicReference<>();

	private ToolCallback tool;

	@Test
	void finishedRunsAndCallsLeaveTheRetainedHeapFlat() {
		TestRecorders recorders = TestRecorders.of(this.registry, new TagValueLimiter(100));
		LlmMetrics llm = recorders.llm();
		AgentRuns runs = recorders.runs();
		this.tool = recorders.metered(TestTools.named("search"));
		// The model calls the tool itself, as Spring AI's tool loop does inside the call, so
		// calls outside runs get a tool-call window of their own.
		StubChatModel model = new StubChatModel().answer((prompt) -> {
			this.lastCall.set(LlmCall.current());
			String n = prompt.getUserMessage().getText();
			for (int k = 0; k < 3; k++) {
				this.tool.call("{\"conversation\":" + n + "}");
			}
			this.tool.call("{\"other\":" + n + "}");
			return StubChatModel.response("ok", "gpt-4o-mini-" + n, StubChatModel.openAiUsage(1200, 300, 400, 0));
		});
		ChatClient chatClient = ChatClient.builder(model)
			.defaultAdvisors(LlmMetricsAdvisor.builder(llm).build())
			.build();

		exercise(chatClient, runs, 0, RUNS / 10);
		long before = retainedHeap();
		exercise(chatClient, runs, RUNS / 10, RUNS);
		long after = retainedHeap();

		assertThat(after - before).as("retained heap growth in bytes over %d runs and calls", RUNS).isLessThan(FLAT);
		assertThat(this.registry.get("agent.runs").timer().count()).isEqualTo(RUNS);
		assertThat(this.registry.get("agent.tool.loops").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(2 * RUNS);
		WeakReference<LlmCall> call = new WeakReference<>(this.lastCall.getAndSet(null));
		WeakReference<AgentRunContext> run = new WeakReference<>(this.lastRun.getAndSet(null));
		retainedHeap();
		assertThat(call.get()).as("the last LLM call").isNull();
		assertThat(run.get()).as("the last run").isNull();
	}

	@Test
	void theMeasurementSeesStateThatIsRetained() {
		long before = retainedHeap();
		List<Object> retained = new ArrayList<>();
		// What a leak of 100,000 runs of a few hundred bytes each would hold.
		for (int i = 0; i < RUNS; i++) {
			retained.add(new byte[256]);
		}
		long after = retainedHeap();
		assertThat(after - before).isGreaterThan(FLAT);
		assertThat(retained).hasSize(RUNS);
	}

	private void exercise(ChatClient chatClient, AgentRuns runs, int from, int to) {
		for (int n = from; n < to; n++) {
			String conversation = Integer.toString(n);
			runs.run("support", () -> {
				this.lastRun.set(AgentRunContext.current());
				chatClient.prompt(conversation)
					.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, "conversation-" + conversation))
					.call()
					.content();
			});
			chatClient.prompt(conversation).call().content();
		}
	}

	private static long retainedHeap() {
		long used = Long.MAX_VALUE;
		// Several collections: one may leave work that only the next one finishes.
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
