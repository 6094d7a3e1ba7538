package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Events;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.test.PrometheusText;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The circuit breaker around ChatClient calls, through the real OpenAI client against
 * {@link FakeOpenAi}, with exact values from {@code /actuator/prometheus}, on both lines
 * (resilience4j-spring-boot3 and -boot4). Each test uses its own breaker (the per-call
 * parameter, or the provider's for the one test that names none) so that tests do not
 * share state; every breaker gets the small thresholds of {@code configs.default}.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = { "resilience4j.circuitbreaker.configs.default.sliding-window-size=4",
		"resilience4j.circuitbreaker.configs.default.minimum-number-of-calls=2",
		"resilience4j.circuitbreaker.configs.default.failure-rate-threshold=50",
		"resilience4j.circuitbreaker.configs.default.wait-duration-in-open-state=300ms",
		"resilience4j.circuitbreaker.configs.default.permitted-number-of-calls-in-half-open-state=1" })
class CircuitBreakerIntegrationTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private Client client;

	@Autowired
	private CircuitBreakerRegistry circuitBreakers;

	@Autowired
	private Events events;

	@Test
	void anOutageOpensTheBreakerWhichRejectsWithoutRequestsUntilAProbeClosesIt() throws Exception {
		this.openAi.enqueue(Reply.error(500, "server_error", "down"), Reply.error(500, "server_error", "down"));
		assertThatException().isThrownBy(() -> call("outage"));
		assertThatException().isThrownBy(() -> call("outage"));
		PrometheusText opened = scrape();
		assertThat(opened.sum("agent_circuit_breaker_state", "name", "outage")).isEqualTo(1);
		assertThat(opened.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "closed", "to",
				"open"))
			.isEqualTo(1);

		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> call("outage"));
		assertThat(this.openAi.requests()).hasSize(2);
		PrometheusText rejected = scrape();
		assertThat(rejected.sum("agent_llm_requests_seconds_count", "agent", "outage", "outcome", "error", "error",
				"circuit_open", "stream", "false"))
			.isEqualTo(1);
		assertThat(rejected.sum("agent_errors_total", "agent", "outage", "source", "llm", "kind", "circuit_open"))
			.isEqualTo(1);

		Thread.sleep(400);
		this.openAi.enqueue(Reply.text("Back.").usage(10, 2));
		assertThat(call("outage")).isEqualTo("Back.");
		PrometheusText closed = scrape();
		assertThat(closed.sum("agent_circuit_breaker_state", "name", "outage")).isZero();
		assertThat(closed.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "open", "to",
				"half_open"))
			.isEqualTo(1);
		assertThat(closed.sum("agent_circuit_breaker_transitions_total", "name", "outage", "from", "half_open", "to",
				"closed"))
			.isEqualTo(1);
		assertThat(this.events.transitions).filteredOn((event) -> event.getName().equals("outage"))
			.extracting((event) -> event.getFrom() + "->" + event.getTo())
			.containsExactly("closed->open", "open->half_open", "half_open->closed");
	}

	@Test
	void callsThatNameNoBreakerShareTheOneOfTheirProvider() {
		this.openAi.enqueue(Reply.error(500, "server_error", "down"), Reply.error(500, "server_error", "down"));
		ChatClient chatClient = this.client.chatClient();
		for (int i = 0; i < 2; i++) {
			assertThatException().isThrownBy(
					() -> chatClient.prompt("Hi").advisors((a) -> a.param(AgentMetrics.AGENT, "provider")).call().content());
		}
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(
				() -> chatClient.prompt("Hi").advisors((a) -> a.param(AgentMetrics.AGENT, "provider")).call().content());
		assertThat(this.openAi.requests()).hasSize(2);
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "provider", "error", "server_error"))
			.isEqualTo(2);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "provider", "error", "circuit_open"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_errors_total", "agent", "provider", "source", "llm", "kind", "circuit_open"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_circuit_breaker_state", "name", "openai")).isEqualTo(1);
		assertThat(metrics.sum("agent_circuit_breaker_transitions_total", "name", "openai", "from", "closed", "to",
				"open"))
			.isEqualTo(1);
	}

	@Test
	void callerErrorsDoNotOpenTheBreaker() {
		this.openAi.enqueue(Reply.error(400, "invalid_value", "bad"), Reply.error(401, "invalid_api_key", "who"),
				Reply.error(400, "invalid_value", "bad"), Reply.error(401, "invalid_api_key", "who"));
		for (int i = 0; i < 4; i++) {
			assertThatException().isThrownBy(() -> call("callers"));
		}
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_circuit_breaker_state", "name", "callers")).isZero();
		assertThat(metrics.matching("agent_circuit_breaker_transitions_total", "name", "callers")).isEmpty();
		assertThat(this.openAi.requests()).hasSize(4);
	}

	@Test
	void streamingCallsTripTheBreakerAndAreRejectedBeforeAnyRequest() {
		this.openAi.enqueue(Reply.error(503, "server_error", "down"), Reply.error(503, "server_error", "down"));
		assertThatException().isThrownBy(() -> stream("streams"));
		assertThatException().isThrownBy(() -> stream("streams"));
		assertThatExceptionOfType(CallNotPermittedException.class).isThrownBy(() -> stream("streams"));
		assertThat(this.openAi.requests()).hasSize(2);
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
		return this.client.chatClient()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, breaker).param(AgentMetrics.CIRCUIT_BREAKER, breaker))
			.call()
			.content();
	}

	private List<String> stream(String breaker) {
		return this.client.chatClient()
			.prompt("Hi")
			.advisors((a) -> a.param(AgentMetrics.AGENT, breaker).param(AgentMetrics.CIRCUIT_BREAKER, breaker))
			.stream()
			.content()
			.collectList()
			.block();
	}

	private PrometheusText scrape() {
		return this.client.scrape();
	}

}
