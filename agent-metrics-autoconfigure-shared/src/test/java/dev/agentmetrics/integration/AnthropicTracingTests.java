package dev.agentmetrics.integration;

import java.time.Duration;
import java.util.List;

import dev.agentmetrics.integration.FakeAnthropic.Reply;
import dev.agentmetrics.integration.OtlpReceiver.ReceivedSpan;
import dev.agentmetrics.run.AgentRuns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.agentmetrics.integration.AnthropicPrices.IN;
import static dev.agentmetrics.integration.AnthropicPrices.OUT;
import static dev.agentmetrics.integration.AnthropicPrices.READ;
import static dev.agentmetrics.integration.AnthropicPrices.WRITE_5M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The spans of Spring AI's real Anthropic client over HTTP, exported over OTLP: each round
 * of a tool loop has its own tokens, its input counting the cache reads and writes that
 * Anthropic's {@code input_tokens} leave out, and its own cost.
 */
class AnthropicTracingTests {

	private static final FakeAnthropic anthropic = FakeAnthropic.start();

	private static final OtlpReceiver receiver = OtlpReceiver.start();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		String exporter = "--" + SpringAiLine.OTLP_TRACING_PROPERTIES;
		context = AnthropicApplication.run(anthropic, "--management.tracing.sampling.probability=1.0",
				exporter + ".endpoint=" + receiver.url(OtlpReceiver.TRACES_PATH), exporter + ".transport=http",
				"--management.otlp.metrics.export.enabled=false");
	}

	@AfterAll
	static void stop() {
		context.close();
		anthropic.close();
		receiver.close();
	}

	@Test
	void eachRoundOfAToolLoopCarriesItsOwnTokensCacheIncludedAndCost() {
		anthropic.enqueue(Reply.toolUse("getWeather", "{\"city\":\"Oslo\"}").usage(300, 20).cacheWrite(1000, 0),
				Reply.text("Snow in Oslo.").usage(60, 15).cacheRead(1000));
		ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
		context.getBean(AgentRuns.class)
			.run("forecaster", () -> chatClient.prompt("Weather in Oslo?").tools(new WeatherTools()).call().content());

		List<ReceivedSpan> spans = receiver.awaitSpans((received) -> CapturedSpans.chatModelSpans(received).size() == 2
				&& received.stream().anyMatch((span) -> span.name().equals("invoke_agent forecaster")),
				Duration.ofSeconds(30));
		List<ReceivedSpan> rounds = CapturedSpans.chatModelSpans(spans);
		ReceivedSpan toolRound = rounds.get(0);
		ReceivedSpan answer = rounds.get(1);
		assertThat(toolRound.attribute("gen_ai.usage.input_tokens")).contains(1300L);
		assertThat(toolRound.attribute("gen_ai.usage.cache_creation.input_tokens")).contains(1000L);
		assertThat(toolRound.attribute("gen_ai.usage.output_tokens")).contains(20L);
		assertThat((Double) toolRound.attribute("gen_ai.usage.cost").orElseThrow())
			.isCloseTo(300 * IN + 1000 * WRITE_5M + 20 * OUT, within(1e-12));
		assertThat(answer.attribute("gen_ai.usage.input_tokens")).contains(1060L);
		assertThat(answer.attribute("gen_ai.usage.cache_read.input_tokens")).contains(1000L);
		assertThat((Double) answer.attribute("gen_ai.usage.cost").orElseThrow())
			.isCloseTo(60 * IN + 1000 * READ + 15 * OUT, within(1e-12));
		ReceivedSpan run = spans.stream().filter((span) -> span.name().equals("invoke_agent forecaster")).findFirst().orElseThrow();
		assertThat(run.attribute("gen_ai.provider.name")).contains("anthropic");
		double counted = context.getBean(MeterRegistry.class)
			.find("agent.llm.cost")
			.tag("agent", "forecaster")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
		assertThat((Double) run.attribute("agent_metrics.run.cost_usd").orElseThrow()).isCloseTo(counted, within(1e-12));
		assertThat((Double) toolRound.attribute("gen_ai.usage.cost").orElseThrow()
				+ (Double) answer.attribute("gen_ai.usage.cost").orElseThrow()).isCloseTo(counted, within(1e-12));
	}

}
