package dev.agentmetrics.integration;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.google.protobuf.InvalidProtocolBufferException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP trace receiver on 127.0.0.1, on a free port, standing in for a collector or
 * Langfuse ({@code /api/public/otel/v1/traces}) in tests: it accepts a {@code POST} at any
 * path, records its path, headers and body, decodes the body as a protobuf
 * {@link ExportTraceServiceRequest} ({@code application/x-protobuf}, gzip-decoded when the
 * request says {@code Content-Encoding: gzip}) and answers {@code 200} with an empty
 * {@link ExportTraceServiceResponse}. Any other content type (OTLP's JSON encoding) is
 * recorded without a body and answered {@code 415}; any other method {@code 405}.
 * <p>
 * Tests read what arrived with {@link #requests()} and {@link #spans()}, and wait for the
 * spans an exporter sends in the background with {@link #awaitSpans(int, Duration)} and
 * its variants.
 */
public final class OtlpReceiver implements AutoCloseable {

	/** The content type of OTLP/HTTP's protobuf encoding. */
	public static final String PROTOBUF = "application/x-protobuf";

	/** The path of the traces of a standard OTLP/HTTP endpoint (a collector's, on port 4318). */
	public static final String TRACES_PATH = "/v1/traces";

	/** The path of Langfuse's OTLP/HTTP trace endpoint. */
	public static final String LANGFUSE_TRACES_PATH = "/api/public/otel/v1/traces";

	private static final HexFormat HEX = HexFormat.of();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Object monitor = new Object();

	private final List<Request> requests = new ArrayList<>();

	private OtlpReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * Start a receiver on a free port of 127.0.0.1.
	 * @return the running receiver, to be closed
	 */
	public static OtlpReceiver start() {
		return new OtlpReceiver();
	}

	/**
	 * Return the port the receiver listens on.
	 * @return the port
	 */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/**
	 * Return the receiver's base URL.
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/**
	 * Return the URL of a path of the receiver, such as {@link #TRACES_PATH}.
	 * @param path the path, starting with {@code /}
	 * @return the URL
	 */
	public String url(String path) {
		return baseUrl() + path;
	}

	/**
	 * Return the requests received so far, in order.
	 * @return the requests
	 */
	public List<Request> requests() {
		synchronized (this.monitor) {
			return List.copyOf(this.requests);
		}
	}

	/**
	 * Return the spans received so far, flattened from every request's resource and scope
	 * spans, in the order they arrived.
	 * @return the spans
	 */
	public List<ReceivedSpan> spans() {
		return spansOf(requests());
	}

	/**
	 * Wait until at least {@code count} spans have arrived.
	 * @param count the number of spans to wait for
	 * @param timeout the longest wait
	 * @return all the spans received, at least {@code count}
	 * @throws AssertionError when fewer arrived within the timeout
	 */
	public List<ReceivedSpan> awaitSpans(int count, Duration timeout) {
		return awaitSpans((spans) -> spans.size() >= count, "at least " + count + " spans", timeout);
	}

	/**
	 * Wait until the spans received satisfy a condition.
	 * @param condition the condition on all the spans received
	 * @param timeout the longest wait
	 * @return all the spans received, which satisfy the condition
	 * @throws AssertionError when they did not within the timeout
	 */
	public List<ReceivedSpan> awaitSpans(Predicate<? super List<ReceivedSpan>> condition, Duration timeout) {
		return awaitSpans(condition, "spans satisfying the condition", timeout);
	}

	/**
	 * Wait until a span matching a condition has arrived.
	 * @param condition the condition on one span
	 * @param timeout the longest wait
	 * @return the first span received that matches
	 * @throws AssertionError when none arrived within the timeout
	 */
	public ReceivedSpan awaitSpan(Predicate<? super ReceivedSpan> condition, Duration timeout) {
		return awaitSpans((spans) -> spans.stream().anyMatch(condition), "a span matching the condition", timeout)
			.stream()
			.filter(condition)
			.findFirst()
			.orElseThrow();
	}

	/** Forget the requests received so far. */
	public void reset() {
		synchronized (this.monitor) {
			this.requests.clear();
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private List<ReceivedSpan> awaitSpans(Predicate<? super List<ReceivedSpan>> condition, String description,
			Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.monitor) {
			while (true) {
				List<ReceivedSpan> spans = spansOf(this.requests);
				if (condition.test(spans)) {
					return spans;
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new AssertionError("Expected " + description + " within " + timeout + "; received "
							+ this.requests.size() + " requests with " + spans.size() + " spans: "
							+ spans.stream().map(ReceivedSpan::toString).collect(Collectors.joining(", ", "[", "]")));
				}
				try {
					this.monitor.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new AssertionError("Interrupted while waiting for " + description, ex);
				}
			}
		}
	}

	private static List<ReceivedSpan> spansOf(List<Request> requests) {
		List<ReceivedSpan> spans = new ArrayList<>();
		for (Request request : requests) {
			if (request.body() == null) {
				continue;
			}
			for (ResourceSpans resourceSpans : request.body().getResourceSpansList()) {
				for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
					for (Span span : scopeSpans.getSpansList()) {
						spans.add(new ReceivedSpan(span, resourceSpans.getResource(), scopeSpans.getScope()));
					}
				}
			}
		}
		return spans;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
			String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
			String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
			byte[] raw = exchange.getRequestBody().readAllBytes();
			int status;
			ExportTraceServiceRequest body = null;
			if (!"POST".equals(exchange.getRequestMethod())) {
				status = 405;
			}
			else if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(PROTOBUF)) {
				status = 415;
			}
			else {
				try {
					body = ExportTraceServiceRequest.parseFrom(decode(raw, encoding));
					status = 200;
				}
				catch (InvalidProtocolBufferException ex) {
					status = 400;
				}
			}
			Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					Collections.unmodifiableMap(headers), contentType, raw.length, body);
			synchronized (this.monitor) {
				this.requests.add(request);
				this.monitor.notifyAll();
			}
			if (status == 200) {
				byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
				exchange.getResponseHeaders().set("Content-Type", PROTOBUF);
				exchange.sendResponseHeaders(200, (answer.length > 0) ? answer.length : -1);
				exchange.getResponseBody().write(answer);
			}
			else {
				exchange.sendResponseHeaders(status, -1);
			}
		}
	}

	private static byte[] decode(byte[] raw, String encoding) throws IOException {
		if (encoding == null || !encoding.trim().equalsIgnoreCase("gzip")) {
			return raw;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
			return in.readAllBytes();
		}
	}

	/**
	 * Return the value of an OTLP attribute as a plain Java value of its own type: a
	 * {@link String}, {@link Long}, {@link Double} or {@link Boolean}, a {@link List} of such
	 * values for an array, a {@link Map} for a key-value list, and {@code byte[]} for bytes.
	 * @param value the OTLP value
	 * @return the Java value, {@code null} when the value is unset
	 */
	public static Object valueOf(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> value.getIntValue();
			case DOUBLE_VALUE -> value.getDoubleValue();
			case BOOL_VALUE -> value.getBoolValue();
			case ARRAY_VALUE -> value.getArrayValue().getValuesList().stream().map(OtlpReceiver::valueOf).toList();
			case KVLIST_VALUE -> attributes(value.getKvlistValue().getValuesList());
			case BYTES_VALUE -> value.getBytesValue().toByteArray();
			default -> null;
		};
	}

	/**
	 * Return OTLP attributes as a map of plain Java values, as {@link #valueOf(AnyValue)}
	 * makes them, in their order.
	 * @param attributes the attributes
	 * @return the values by key
	 */
	public static Map<String, Object> attributes(List<KeyValue> attributes) {
		Map<String, Object> values = new LinkedHashMap<>();
		for (KeyValue attribute : attributes) {
			values.put(attribute.getKey(), valueOf(attribute.getValue()));
		}
		return Collections.unmodifiableMap(values);
	}

	/**
	 * One request the receiver received.
	 *
	 * @param method the HTTP method
	 * @param path the path, without the query
	 * @param headers every header, by case-insensitive name
	 * @param contentType the {@code Content-Type} header, or {@code null}
	 * @param bodySize the size of the body as sent (before any gzip decoding)
	 * @param body the decoded export request, or {@code null} when the request was not a
	 * protobuf one
	 */
	public record Request(String method, String path, Map<String, List<String>> headers, String contentType,
			int bodySize, ExportTraceServiceRequest body) {

		/**
		 * Return the first value of a header.
		 * @param name the header name, in any case
		 * @return the value, or {@code null} when the request had no such header
		 */
		public String header(String name) {
			List<String> values = this.headers.get(name);
			return (values == null || values.isEmpty()) ? null : values.get(0);
		}

	}

	/**
	 * A span received, with the resource and the instrumentation scope it was sent under.
	 *
	 * @param span the span
	 * @param resource its resource (the service that sent it)
	 * @param scope its instrumentation scope
	 */
	public record ReceivedSpan(Span span, Resource resource, InstrumentationScope scope) {

		/**
		 * Return the span's name.
		 * @return the name
		 */
		public String name() {
			return this.span.getName();
		}

		/**
		 * Return the span's trace id in lower-case hex, as W3C's {@code traceparent} writes it.
		 * @return the trace id
		 */
		public String traceId() {
			return HEX.formatHex(this.span.getTraceId().toByteArray());
		}

		/**
		 * Return the span's id in lower-case hex.
		 * @return the span id
		 */
		public String spanId() {
			return HEX.formatHex(this.span.getSpanId().toByteArray());
		}

		/**
		 * Return the id of the span's parent in lower-case hex.
		 * @return the parent span id, empty for a root span
		 */
		public String parentSpanId() {
			return HEX.formatHex(this.span.getParentSpanId().toByteArray());
		}

		/**
		 * Return the span's kind.
		 * @return the kind, such as {@link Span.SpanKind#SPAN_KIND_SERVER}
		 */
		public Span.SpanKind kind() {
			return this.span.getKind();
		}

		/**
		 * Return the span's attributes as plain Java values of their own types (see
		 * {@link OtlpReceiver#valueOf(AnyValue)}).
		 * @return the attributes by key
		 */
		public Map<String, Object> attributes() {
			return OtlpReceiver.attributes(this.span.getAttributesList());
		}

		/**
		 * Return one attribute of the span as a plain Java value of its own type: a cost sent
		 * as a double is a {@link Double}, a token count sent as an int a {@link Long}.
		 * @param key the attribute key
		 * @return the value, empty when the span has no such attribute
		 */
		public Optional<Object> attribute(String key) {
			for (KeyValue attribute : this.span.getAttributesList()) {
				if (attribute.getKey().equals(key)) {
					return Optional.ofNullable(valueOf(attribute.getValue()));
				}
			}
			return Optional.empty();
		}

		/**
		 * Return an attribute of the span's resource, such as {@code service.name}.
		 * @param key the attribute key
		 * @return the value, empty when the resource has no such attribute
		 */
		public Optional<Object> resourceAttribute(String key) {
			return Optional.ofNullable(OtlpReceiver.attributes(this.resource.getAttributesList()).get(key));
		}

		@Override
		public String toString() {
			return this.span.getName() + "(" + this.span.getKind() + ", trace " + traceId() + ", span " + spanId()
					+ ", parent " + parentSpanId() + ", " + attributes() + ")";
		}

	}

}
