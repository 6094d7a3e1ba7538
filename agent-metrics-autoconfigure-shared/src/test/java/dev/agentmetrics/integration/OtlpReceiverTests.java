package dev.agentmetrics.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.agentmetrics.integration.OtlpReceiver.ReceivedSpan;
import dev.agentmetrics.integration.OtlpReceiver.Request;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link OtlpReceiver} decodes what OpenTelemetry's own OTLP/HTTP exporter sends, plain and
 * gzipped, and keeps each attribute's type.
 */
class OtlpReceiverTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final OtlpReceiver receiver = OtlpReceiver.start();

	@AfterEach
	void close() {
		this.receiver.close();
	}

	@Test
	void receivesTheSpansOfOpenTelemetrysExporterWithPathHeadersAndTypedAttributes() {
		export("none");

		ReceivedSpan span = this.receiver.awaitSpan((received) -> received.name().equals("chat gpt-4o-mini"), WAIT);
		assertThat(span.kind()).isEqualTo(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT);
		assertThat(span.attribute("gen_ai.operation.name")).hasValue("chat");
		assertThat(span.attribute("gen_ai.usage.input_tokens")).hasValue(12L);
		assertThat(span.attribute("gen_ai.usage.cost")).get().isInstanceOf(Double.class).isEqualTo(0.00042);
		assertThat(span.attribute("gen_ai.response.finish_reasons")).hasValue(List.of("stop"));
		assertThat(span.attribute("streaming")).hasValue(false);
		assertThat(span.attribute("missing")).isEmpty();
		assertThat(span.resourceAttribute("service.name")).hasValue("otlp-receiver-test");
		assertThat(span.scope().getName()).isEqualTo("agent-metrics-test");
		assertThat(span.traceId()).hasSize(32);
		assertThat(span.spanId()).hasSize(16);
		assertThat(span.parentSpanId()).isEmpty();

		assertThat(this.receiver.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo(OtlpReceiver.LANGFUSE_TRACES_PATH);
			assertThat(request.contentType()).isEqualTo(OtlpReceiver.PROTOBUF);
			assertThat(request.header("authorization")).isEqualTo("Basic cGstbGYtMTpzay1sZi0x");
			assertThat(request.header("Authorization")).isEqualTo("Basic cGstbGYtMTpzay1sZi0x");
			assertThat(request.header("Content-Encoding")).isNull();
		});
	}

	@Test
	void decodesGzippedRequests() {
		export("gzip");

		assertThat(this.receiver.awaitSpans(1, WAIT)).extracting(ReceivedSpan::name).containsExactly("chat gpt-4o-mini");
		Request request = this.receiver.requests().get(0);
		assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
		assertThat(request.bodySize()).isLessThan(request.body().getSerializedSize());
	}

	@Test
	void recordsButRefusesOtherContentTypes() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<Void> response = http.send(
				HttpRequest.newBuilder(URI.create(this.receiver.url(OtlpReceiver.TRACES_PATH)))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}"))
					.build(),
				HttpResponse.BodyHandlers.discarding());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(this.receiver.requests()).singleElement().satisfies((request) -> {
			assertThat(request.path()).isEqualTo(OtlpReceiver.TRACES_PATH);
			assertThat(request.body()).isNull();
		});
		assertThat(this.receiver.spans()).isEmpty();
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.receiver.awaitSpans(1, Duration.ofMillis(50)))
			.withMessageContaining("received 1 requests with 0 spans");
	}

	private void export(String compression) {
		OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
			.setEndpoint(this.receiver.url(OtlpReceiver.LANGFUSE_TRACES_PATH))
			.addHeader("Authorization", "Basic cGstbGYtMTpzay1sZi0x")
			.setCompression(compression)
			.build();
		SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
			.setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "otlp-receiver-test")))
			.addSpanProcessor(SimpleSpanProcessor.create(exporter))
			.build();
		try {
			Tracer tracer = tracerProvider.get("agent-metrics-test");
			Span span = tracer.spanBuilder("chat gpt-4o-mini").setSpanKind(SpanKind.CLIENT).startSpan();
			span.setAttribute("gen_ai.operation.name", "chat");
			span.setAttribute("gen_ai.usage.input_tokens", 12L);
			span.setAttribute("gen_ai.usage.cost", 0.00042);
			span.setAttribute(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of("stop"));
			span.setAttribute("streaming", false);
			span.end();
		}
		finally {
			tracerProvider.shutdown().join(10, TimeUnit.SECONDS);
		}
	}

}
