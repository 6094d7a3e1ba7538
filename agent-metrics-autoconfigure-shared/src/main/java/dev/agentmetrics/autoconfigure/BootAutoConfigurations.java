package dev.agentmetrics.autoconfigure;

/**
 * Names of the auto-configurations agent-metrics orders itself after, in both Spring Boot
 * generations it serves: Boot 4 moved the metrics and observation auto-configurations to
 * {@code org.springframework.boot.micrometer.*}, and resilience4j's Boot 4 module dropped
 * the {@code springboot3} package. Boot ignores the names of auto-configurations that are
 * not on the classpath, so one list serves both.
 *
 * @author agent-metrics
 */
final class BootAutoConfigurations {

	/** Boot 3's {@code MetricsAutoConfiguration}. */
	static final String METRICS_3 = "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";

	/** Boot 4's {@code MetricsAutoConfiguration}. */
	static final String METRICS_4 = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration";

	/** Boot 3's {@code CompositeMeterRegistryAutoConfiguration}. */
	static final String COMPOSITE_REGISTRY_3 = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";

	/** Boot 4's {@code CompositeMeterRegistryAutoConfiguration}. */
	static final String COMPOSITE_REGISTRY_4 = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration";

	/** Boot 3's {@code ObservationAutoConfiguration}. */
	static final String OBSERVATION_3 = "org.springframework.boot.actuate.autoconfigure.observation.ObservationAutoConfiguration";

	/** Boot 4's {@code ObservationAutoConfiguration}. */
	static final String OBSERVATION_4 = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration";

	/** Boot 3's {@code MicrometerTracingAutoConfiguration}. */
	static final String TRACING_3 = "org.springframework.boot.actuate.autoconfigure.tracing.MicrometerTracingAutoConfiguration";

	/** Boot 3's {@code OpenTelemetryTracingAutoConfiguration}, which defines the tracer. */
	static final String OTEL_TRACING_3 = "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration";

	/** Boot 3's {@code BraveAutoConfiguration}, which defines the tracer. */
	static final String BRAVE_TRACING_3 = "org.springframework.boot.actuate.autoconfigure.tracing.BraveAutoConfiguration";

	/** Boot 4's {@code MicrometerTracingAutoConfiguration}. */
	static final String TRACING_4 = "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration";

	/** Boot 4's {@code OpenTelemetryTracingAutoConfiguration}, which defines the tracer. */
	static final String OTEL_TRACING_4 = "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration";

	/** Boot 4's {@code BraveAutoConfiguration}, which defines the tracer. */
	static final String BRAVE_TRACING_4 = "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration";

	/** Boot 3's {@code RedisAutoConfiguration}. */
	static final String REDIS_3 = "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration";

	/** Boot 4's {@code DataRedisAutoConfiguration}. */
	static final String REDIS_4 = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration";

	/** resilience4j-spring-boot3's {@code CircuitBreakerAutoConfiguration}. */
	static final String CIRCUIT_BREAKER_3 = "io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration";

	/** resilience4j-spring-boot4's {@code CircuitBreakerAutoConfiguration}. */
	static final String CIRCUIT_BREAKER_4 = "io.github.resilience4j.springboot.circuitbreaker.autoconfigure.CircuitBreakerAutoConfiguration";

	/** Spring AI's {@code ChatClientAutoConfiguration}, in the same package on both lines. */
	static final String CHAT_CLIENT = "org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration";

	private BootAutoConfigurations() {
	}

}
