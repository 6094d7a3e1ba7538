package dev.agentmetrics.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.agentmetrics.integration.OtlpReceiver;
import dev.agentmetrics.integration.OtlpReceiver.ReceivedSpan;
import dev.agentmetrics.sample.support.SupportAgent;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.TestSocketUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code tracing} profile exports the spans of a request to {@code /ask} over
 * OTLP/HTTP protobuf to {@code sample.tracing.endpoint}, with the headers configured, here
 * Langfuse's path and {@code Authorization}; without the profile nothing is exported. The
 * sample runs on a free port of 127.0.0.1 with its traffic off and its simulator's failures
 * at zero, as in {@link SampleApplicationTests}.
 */
class SampleTracingTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	/** Basic, base64 of Langfuse's public and secret keys: {@code pk-lf-sample:sk-lf-sample}. */
	private static final String AUTHORIZATION = "Basic cGstbGYtc2FtcGxlOnNrLWxmLXNhbXBsZQ==";

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	@Test
	void tracingProfileExportsTheSpansOfARequestInOneTrace() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			int port = TestSocketUtils.findAvailableTcpPort();
			try (ConfigurableApplicationContext context = start(port, receiver, "tracing")) {
				assertThat(context.getBeansOfType(SpanExporter.class)).hasSize(1);
				assertThat(ask(port, "What are your support hours?")).isEqualTo(200);
			}
			// Closing the application flushed its batch span processor.
			List<ReceivedSpan> spans = receiver
				.awaitSpans((received) -> find(received, SampleTracingTests::isAsk).isPresent()
						&& find(received, SampleTracingTests::isChat).isPresent(), WAIT);

			ReceivedSpan ask = find(spans, SampleTracingTests::isAsk).orElseThrow();
			ReceivedSpan chat = find(spans, SampleTracingTests::isChat).orElseThrow();
			assertThat(chat.name()).isEqualTo("chat gpt-4o-mini");
			assertThat(chat.traceId()).as("the chat span's trace, in %s", spans).isEqualTo(ask.traceId());
			assertThat(ancestors(chat, spans)).as("the chat span's ancestors, in %s", spans).contains(ask.spanId());
			assertThat(chat.resourceAttribute("service.name")).hasValue("agent-metrics-sample");
			// The support agent's run parents its LLM calls and carries their cost.
			ReceivedSpan run = receiver.awaitSpan((span) -> span.name().startsWith("invoke_agent"), WAIT);
			assertThat(run.name()).isEqualTo("invoke_agent " + SupportAgent.AGENT_NAME);
			assertThat(run.traceId()).isEqualTo(ask.traceId());
			assertThat(ancestors(run, spans)).contains(ask.spanId());
			assertThat(ancestors(chat, spans)).contains(run.spanId());
			assertThat(run.attribute("agent_metrics.run.cost_usd")).get().isInstanceOf(Double.class);
			assertThat(chat.attribute("gen_ai.usage.cost")).get().isInstanceOf(Double.class);
			assertThat(receiver.requests()).isNotEmpty().allSatisfy((request) -> {
				assertThat(request.path()).isEqualTo(OtlpReceiver.LANGFUSE_TRACES_PATH);
				assertThat(request.contentType()).isEqualTo(OtlpReceiver.PROTOBUF);
				assertThat(request.header("Authorization")).isEqualTo(AUTHORIZATION);
			});
		}
	}

	@Test
	void withoutTheProfileNothingIsExported() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.start()) {
			int port = TestSocketUtils.findAvailableTcpPort();
			try (ConfigurableApplicationContext context = start(port, receiver)) {
				assertThat(context.getBeansOfType(SpanExporter.class)).isEmpty();
				assertThat(ask(port, "What are your support hours?")).isEqualTo(200);
			}
			assertThat(receiver.requests()).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(int port, OtlpReceiver receiver, String... profiles) {
		// spring.ai.openai.base-url follows server.port (see application.yml): a fixed port.
		return new SpringApplicationBuilder(SampleApplication.class).profiles(profiles)
			.run("--server.port=" + port, "--server.address=127.0.0.1", "--sample.traffic.enabled=false",
					"--sample.simulator.rate-limit-rate=0", "--sample.simulator.server-error-rate=0",
					"--sample.simulator.slow-rate=0",
					"--sample.tracing.endpoint=" + receiver.url(OtlpReceiver.LANGFUSE_TRACES_PATH),
					"--" + BootLine.OTLP_TRACING_HEADERS + "Authorization=" + AUTHORIZATION);
	}

	private int ask(int port, String question) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"question\": \"" + question + "\"}"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	/** The server span of {@code POST /ask}. */
	private static boolean isAsk(ReceivedSpan span) {
		return span.kind() == SpanKind.SPAN_KIND_SERVER && span.attribute("uri").filter("/ask"::equals).isPresent();
	}

	/** Spring AI's span of a chat model call. */
	private static boolean isChat(ReceivedSpan span) {
		return span.attribute("gen_ai.operation.name").filter("chat"::equals).isPresent();
	}

	private static Optional<ReceivedSpan> find(List<ReceivedSpan> spans,
			Predicate<ReceivedSpan> condition) {
		return spans.stream().filter(condition).findFirst();
	}

	/** The ids of a span's parent, its parent's parent and so on, as far as they were received. */
	private static List<String> ancestors(ReceivedSpan span, List<ReceivedSpan> spans) {
		Map<String, ReceivedSpan> byId = spans.stream()
			.collect(Collectors.toMap(ReceivedSpan::spanId, Function.identity(), (first, second) -> first));
		List<String> ancestors = new ArrayList<>();
		String parent = span.parentSpanId();
		while (!parent.isEmpty() && !ancestors.contains(parent)) {
			ancestors.add(parent);
			ReceivedSpan next = byId.get(parent);
			parent = (next != null) ? next.parentSpanId() : "";
		}
		return ancestors;
	}

}
