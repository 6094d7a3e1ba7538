package dev.agentmetrics.sample;

/**
 * Spring Boot 4's names of what the tests both lines share configure.
 */
public final class BootLine {

	/**
	 * Prefix of the properties of the HTTP headers sent with the spans exported over OTLP
	 * ({@code management.otlp.tracing.headers.} on Spring Boot 3.5).
	 */
	public static final String OTLP_TRACING_HEADERS = "management.opentelemetry.tracing.export.otlp.headers.";

	private BootLine() {
	}

}
