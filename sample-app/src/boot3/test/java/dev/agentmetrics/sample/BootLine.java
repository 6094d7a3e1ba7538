package dev.agentmetrics.sample;

/**
 * Spring Boot 3.5's names of what the tests both lines share configure.
 */
public final class BootLine {

	/** Prefix of the properties of the HTTP headers sent with the spans exported over OTLP. */
	public static final String OTLP_TRACING_HEADERS = "management.otlp.tracing.headers.";

	private BootLine() {
	}

}
