package dev.agentmetrics.integration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The spans an application ended, exported as they end by a span processor Boot's
 * OpenTelemetry auto-configuration adds to its tracer provider, with ways to read their
 * tree and typed attributes.
 */
final class CapturedSpans {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	List<SpanData> all() {
		return this.exporter.getFinishedSpanItems();
	}

	void reset() {
		this.exporter.reset();
	}

	List<SpanData> named(String prefix) {
		return all().stream().filter((span) -> span.getName().startsWith(prefix)).toList();
	}

	/** Spring AI's chat-model spans, one per request to the model, in the order they started. */
	List<SpanData> chatModelSpans() {
		return all().stream()
			.filter((span) -> span.getName().startsWith("chat ")
					&& "chat".equals(span.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name"))))
			.sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
			.toList();
	}

	/** The spans from the given one up to its trace's root, nearest first. */
	List<SpanData> ancestors(SpanData span) {
		Map<String, SpanData> byId = all().stream().collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
		List<SpanData> ancestors = new ArrayList<>();
		SpanData parent = byId.get(span.getParentSpanId());
		while (parent != null) {
			ancestors.add(parent);
			parent = byId.get(parent.getParentSpanId());
		}
		return ancestors;
	}

	/** Spring AI's chat-model spans among spans an OTLP receiver got, in the order they started. */
	static List<OtlpReceiver.ReceivedSpan> chatModelSpans(List<OtlpReceiver.ReceivedSpan> spans) {
		return spans.stream()
			.filter((span) -> span.name().startsWith("chat ")
					&& span.attribute("gen_ai.operation.name").filter("chat"::equals).isPresent())
			.sorted(Comparator.comparingLong((span) -> span.span().getStartTimeUnixNano()))
			.toList();
	}

	static Long longAttribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.longKey(key));
	}

	static Double doubleAttribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.doubleKey(key));
	}

	static String stringAttribute(SpanData span, String key) {
		return span.getAttributes().get(AttributeKey.stringKey(key));
	}

	/** Adds {@link CapturedSpans} to an application with Boot's OpenTelemetry tracing. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Configuration {

		@Bean
		CapturedSpans capturedSpans() {
			return new CapturedSpans();
		}

		// A span processor, not an exporter bean: Boot would also batch an exporter bean.
		@Bean
		SpanProcessor capturedSpansProcessor(CapturedSpans spans) {
			return SimpleSpanProcessor.create(spans.exporter);
		}

	}

}
