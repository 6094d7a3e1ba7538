package dev.agentmetrics.integration;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.integration.OtlpReceiver.ReceivedSpan;
import dev.agentmetrics.run.AgentRunContext;
import dev.agentmetrics.run.AgentRuns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Traces over the wire, configured as the README tells Langfuse users: Boot's OTLP/HTTP
 * span exporter sends the run's spans as protobuf to Langfuse's path with the Basic
 * credentials and the ingestion-version header, and the costs it sends are doubles that
 * add up to the cost counter.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"management.otlp.metrics.export.enabled=false" })
class OtlpExportIntegrationTests {

	private static final OtlpReceiver langfuse = OtlpReceiver.start();

	private static final String CREDENTIALS = "Basic "
			+ Base64.getEncoder().encodeToString("pk-lf-1234:sk-lf-5678".getBytes(StandardCharsets.UTF_8));

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Autowired
	private AgentRuns agentRuns;

	@Autowired
	private MeterRegistry registry;

	@DynamicPropertySource
	static void exportToLangfuse(DynamicPropertyRegistry properties) {
		String prefix = SpringAiLine.OTLP_TRACING_PROPERTIES;
		properties.add(prefix + ".endpoint", () -> langfuse.url(OtlpReceiver.LANGFUSE_TRACES_PATH));
		properties.add(prefix + ".transport", () -> "http");
		properties.add(prefix + ".headers.Authorization", () -> CREDENTIALS);
		properties.add(prefix + ".headers.x-langfuse-ingestion-version", () -> "4");
	}

	@AfterAll
	static void stopReceiver() {
		langfuse.close();
	}

	@Test
	void sendsTheRunsSpansToLangfuseWithNumericCostsThatAddUpToTheCounter() {
		this.openAi.enqueue(Reply.text("Hello").usage(1200, 40).cached(1024), Reply.text("Streamed").usage(300, 30));
		ChatClient chatClient = this.client.chatClient();
		this.agentRuns.run("support", () -> {
			AgentRunContext.current().sessionId("session-7");
			chatClient.prompt("Hi").call().content();
			chatClient.prompt("Stream").stream().content().collectList().block();
		});

		List<ReceivedSpan> spans = langfuse.awaitSpans((received) -> CapturedSpans.chatModelSpans(received).size() == 2
				&& received.stream().anyMatch((span) -> span.name().startsWith("invoke_agent")), Duration.ofSeconds(30));
		assertThat(langfuse.requests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/public/otel/v1/traces");
			assertThat(request.contentType()).isEqualTo(OtlpReceiver.PROTOBUF);
			assertThat(request.header("Authorization")).isEqualTo(CREDENTIALS);
			assertThat(request.header("x-langfuse-ingestion-version")).isEqualTo("4");
		});
		ReceivedSpan run = spans.stream().filter((span) -> span.name().equals("invoke_agent support")).findFirst().orElseThrow();
		double counted = this.registry.find("agent.llm.cost").tag("agent", "support").counters().stream()
			.mapToDouble(Counter::count)
			.sum();
		List<ReceivedSpan> chats = CapturedSpans.chatModelSpans(spans);
		assertThat(chats).allSatisfy((chat) -> {
			assertThat(chat.traceId()).isEqualTo(run.traceId());
			assertThat(chat.attribute("gen_ai.usage.cost")).get().isInstanceOf(Double.class);
			assertThat(chat.attribute("gen_ai.usage.input_tokens")).get().isInstanceOf(Long.class);
			assertThat(chat.attribute("langfuse.session.id")).contains("session-7");
		});
		double sent = chats.stream().mapToDouble((chat) -> (Double) chat.attribute("gen_ai.usage.cost").orElseThrow()).sum();
		assertThat(counted).isPositive();
		assertThat(sent).isCloseTo(counted, within(1e-12));
		assertThat((Double) run.attribute("agent_metrics.run.cost_usd").orElseThrow()).isCloseTo(counted, within(1e-12));
		assertThat(chats).anySatisfy((chat) -> assertThat(chat.attribute("gen_ai.usage.cache_read.input_tokens")).contains(1024L));
	}

}
