package dev.agentmetrics.integration;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.resilience.CircuitBreakerStateChangedEvent;
import dev.agentmetrics.test.PrometheusText;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The circuit breaker around ChatClient calls, through the real OpenAI client against
 * {@link FakeOpenAi}, with exact values from {@code /actuator/prometheus}. Each test uses
 * its own breaker (the per-call parameter) so that tests do not share state; every breaker
 * gets the small thresholds of {@code configs.default}.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.options.model=gpt-4o-mini",
				"spring.ai.retry.max-attempts=1", "management.endpoints.web.exposure.include=prometheus",
				"resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
				"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=2",
				"resilience4j.circuitbreaker.configs.default.failure-rate-threshold=50",
				"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=300ms",
				"resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1" })
class CircuitBreakerIntegrationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@Autowired
	private ChatClient.Builder chatClientBuilder;

	@Autowired
	private TestRestTemplate rest;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private Transitions transitions;

	@DynamicPropertySource
	static void openAiUrl(DynamicPropertyRegistry registry) {
		registry.add("spring.ai.openai.base-url", openAi::baseUrl);
	}

	@AfterEach
	void allRepliesUsed() {
		String leftovers = openAi.leftovers();
		openAi.reset();
		assertThat(leftovers).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void anOutageOpensTheBreakerWhichRejectsWithoutRequestsUntilAProbeClosesIt() throws Exception {
		openAi.enqueue(Reply.error(500, "server_error", "down"), Reply.error(500, "server_error", "down"));
		assertThatException().isThrownBy(() -> call("outage"));
		assertThatException().isThrownBy(() -> call("outage"));
		PrometheusText opened = scrape();
		assertThat(opened.sum("agent_circuit_breaker_state", "name", "outage")).isEqualTo(1);
		assertThat(opened.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "closed", "to",
				"open"))
			.isEqualTo(1);

		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> call("outage"));
		assertThat(openAi.requests()).hasSize(2);
		PrometheusText rejected = scrape();
		assertThat(rejected.sum("agent_llm_requests_seconds_count", "agent", "outage", "outcome", "error", "error",
				"circuit_open", "stream", "false"))
			.isEqualTo(1);
		assertThat(rejected.sum("agent_errors_total", "agent", "outage", "source", "llm", "kind", "circuit_open"))
			.isEqualTo(1);

		Thread.sleep(400);
		openAi.enqueue(Reply.text("Back.").usage(10, 2));
		assertThat(call("outage")).isEqualTo("Back.");
		PrometheusText closed = scrape();
		assertThat(closed.sum("agent_circuit_breaker_state", "name", "outage")).isZero();
		assertThat(closed.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "open", "to",
				"half_open"))
			.isEqualTo(1);
		assertThat(closed.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "half_open", "to",
				"closed"))
			.isEqualTo(1);
		assertThat(this.transitions.events).filteredOn((event) -> event.getName().equals("outage"))
			.extracting((event) -> event.getFrom() + "->" + event.getTo())
			.containsExactly("closed->open", "open->half_open", "half_open->closed");
	}

	@Test
	void callerErrorsDoNotOpenTheBreaker() {
		openAi.enqueue(Reply.error(400, "invalid_value", "bad"), Reply.error(401, "invalid_api_key", "who"),
				Reply.error(400, "invalid_value", "bad"), Reply.error(401, "invalid_api_key", "who"));
		for (int i = 0; i < 4; i++) {
			assertThatException().isThrownBy(() -> call("callers"));
		}
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_circuit_breaker_state", "name", "callers")).isZero();
		assertThat(metrics.matching("agent_circuit_breaker_transitions_total", "name", "callers")).isEmpty();
		assertThat(openAi.requests()).hasSize(4);
	}

	@Test
	void streamingCallsTripTheBreakerAndAreRejectedBeforeAnyRequest() {
		openAi.enqueue(Reply.error(503, "server_error", "down"), Reply.error(503, "server_error", "down"));
		assertThatException().isThrownBy(() -> stream("streams"));
		assertThatException().isThrownBy(() -> stream("streams"));
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> stream("streams"));
		assertThat(openAi.requests()).hasSize(2);
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_circuit_breaker_state", "name", "streams")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "streams", "error", "circuit_open",
				"stream", "true"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "streams", "error", "server_error",
				"stream", "true"))
			.isEqualTo(2);
	}

	@Test
	void breakersTheApplicationCreatesAtRuntimeGetAGauge() {
		this.circuitBreakers.circuitBreaker("payments");
		assertThat(scrape().sum("agent_circuit_breaker_state", "name", "payments")).isZero();
		this.circuitBreakers.circuitBreaker("payments").transitionToForcedOpenState();
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_circuit_breaker_state", "name", "payments")).isEqualTo(3);
		assertThat(metrics.sum("agent_circuit_breaker_transitions_total", "name", "payments", "from", "closed", "to",
				"forced_open"))
			.isEqualTo(1);
		// Resilience4j's own meters stay as they are.
		assertThat(metrics.matching("resilience4j_circuitbreaker_state", "name", "payments")).isNotEmpty();
	}

	private String call(String breaker) {
		return this.chatClientBuilder.build()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, breaker).param(AgentMetrics.CIRCUIT_BREAKER, breaker))
			.call()
			.content();
	}

	private List<String> stream(String breaker) {
		return this.chatClientBuilder.build()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, breaker).param(AgentMetrics.CIRCUIT_BREAKER, breaker))
			.stream()
			.content()
			.collectList()
			.block();
	}

	private PrometheusText scrape() {
		return PrometheusText.parse(this.rest.getForObject("/actuator/prometheus", String.class));
	}

	/** Records the state changes agent-metrics publishes. */
	static class Transitions {

		final List<CircuitBreakerStateChangedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(CircuitBreakerStateChangedEvent event) {
			this.events.add(event);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		Transitions transitions() {
			return new Transitions();
		}

	}

}
