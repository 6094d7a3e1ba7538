package dev.agentmetrics.reliability;

import java.util.List;
import java.util.regex.Pattern;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.LlmMetricsAdvisor;
import dev.agentmetrics.llm.StubChatModel;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.support.TagValueLimiter;
import dev.agentmetrics.test.TestTools;
import dev.agentmetrics.tool.LoopDetection;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 distinct model names and tool names: at most 101 series per meter, the rest
 * counted under "other", sums exact, and one warning per tag.
 */
@ExtendWith(OutputCaptureExtension.class)
class CardinalityTests {

	private static final int DISTINCT = 10_000;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void collapsesValuesPastTheLimitIntoOtherAndKeepsTheCounts(CapturedOutput output) {
		TagValueLimiter limiter = new TagValueLimiter(100);
		ErrorMetrics errors = new ErrorMetrics(this.registry);
		DefaultErrorClassifier classifier = new DefaultErrorClassifier();
		LlmMetrics llm = new LlmMetrics(this.registry, new PrefixMatchingPriceTable(java.util.Map.of()), classifier,
				errors, List.of(), limiter);
		ToolMetrics tools = new ToolMetrics(this.registry, classifier, errors, LoopDetection.DEFAULTS, "default",
				null, limiter);
		StubChatModel model = new StubChatModel().answer((prompt) -> StubChatModel
			.response("ok", "model-" + prompt.getUserMessage().getText(), new DefaultUsage(10, 2)));
		LlmMetricsAdvisor advisor = LlmMetricsAdvisor.builder(llm).build();
		for (int n = 0; n < DISTINCT; n++) {
			// Each request asks for its own model: ChatClient takes the model's options when built.
			ChatClient chatClient = ChatClient.builder(model.model("model-" + n)).defaultAdvisors(advisor).build();
			chatClient.prompt(Integer.toString(n)).call().content();
			tools.call(TestTools.named("tool-" + n), "{}", null);
		}

		List<Timer> requests = List.copyOf(this.registry.find("agent.llm.requests").timers());
		assertThat(requests).hasSizeLessThanOrEqualTo(101);
		assertThat(requests.stream().mapToLong(Timer::count).sum()).isEqualTo(DISTINCT);
		assertThat(this.registry.get("agent.llm.requests").tag("model", "other").timer().count())
			.isEqualTo(DISTINCT - 100);
		List<Counter> input = List.copyOf(this.registry.find("agent.llm.tokens").tag("type", "input").counters());
		assertThat(input).hasSizeLessThanOrEqualTo(101);
		assertThat(input.stream().mapToDouble(Counter::count).sum()).isEqualTo(10.0 * DISTINCT);
		List<Counter> unpriced = List.copyOf(this.registry.find("agent.llm.unpriced.calls").counters());
		assertThat(unpriced).hasSizeLessThanOrEqualTo(101);
		assertThat(unpriced.stream().mapToDouble(Counter::count).sum()).isEqualTo(DISTINCT);
		List<Timer> toolCalls = List.copyOf(this.registry.find("agent.tool.calls").timers());
		assertThat(toolCalls).hasSizeLessThanOrEqualTo(101);
		assertThat(toolCalls.stream().mapToLong(Timer::count).sum()).isEqualTo(DISTINCT);
		assertThat(occurrences(output, "tag 'model' of agent.llm reached 100 distinct values")).isOne();
		assertThat(occurrences(output, "tag 'tool' of agent.tool reached 100 distinct values")).isOne();
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.toString().split(Pattern.quote(text), -1).length - 1;
	}

}
