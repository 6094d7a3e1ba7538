package dev.agentmetrics.integration;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOllama.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring AI 2.0's Ollama client runs its blocking requests in Spring AI's
 * {@code RetryTemplate} (Spring Framework 7's {@code core.retry}): each retry is counted
 * in {@code agent.llm.retries} by the failure that caused it, exactly as many as the
 * retried requests the provider received; what the template does not retry (streams) or
 * what runs outside a ChatClient call counts nothing.
 */
class OllamaRetryIntegrationTests {

	private static final FakeOllama ollama = FakeOllama.start();

	@BeforeEach
	void resetFake() {
		ollama.reset();
	}

	@AfterAll
	static void stopFake() {
		ollama.close();
	}

	@Test
	void countsEachRetryOfABlockingCallByItsCause() {
		ollama.enqueue(Reply.error(500, "model runner crashed"), Reply.error(429, "too many requests"),
				Reply.text("Finally.").usage(30, 4));
		// Spring AI's max-attempts is the number of retries; 429 is retried only when listed.
		try (ConfigurableApplicationContext context = OllamaApplication.run(ollama, "--spring.ai.retry.max-attempts=2",
				"--spring.ai.retry.on-http-codes=429")) {
			assertThat(context.getBean(ChatModel.class)).isInstanceOf(OllamaChatModel.class);
			String answer = context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "patient"))
				.call()
				.content();
			assertThat(answer).isEqualTo("Finally.");
			assertThat(ollama.requests()).hasSize(3);
			PrometheusText metrics = scrape(context);
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "ollama", "error",
					"server_error"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "patient", "provider", "ollama", "error",
					"rate_limit"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total")).isEqualTo(2);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient")).isEqualTo(1);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "patient", "outcome", "success"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "input")).isEqualTo(30);
			assertThat(metrics.sum("agent_llm_tokens_total", "agent", "patient", "type", "output")).isEqualTo(4);
		}
		assertThat(ollama.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@Test
	void countsTheRetriesOfACallThatFailsAfterAll() {
		ollama.enqueue(Reply.error(503, "loading model"), Reply.error(500, "model runner crashed"));
		try (ConfigurableApplicationContext context = OllamaApplication.run(ollama,
				"--spring.ai.retry.max-attempts=1")) {
			assertThatException().isThrownBy(() -> context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "unlucky"))
				.call()
				.content());
			assertThat(ollama.requests()).hasSize(2);
			PrometheusText metrics = scrape(context);
			// One retry, caused by the 503; the 500 ended the call.
			assertThat(metrics.sum("agent_llm_retries_total", "agent", "unlucky", "provider", "ollama", "error",
					"server_error"))
				.isEqualTo(1);
			assertThat(metrics.sum("agent_llm_retries_total")).isEqualTo(1);
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "unlucky", "outcome", "error",
					"error", "server_error"))
				.isEqualTo(1);
		}
		assertThat(ollama.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@Test
	void streamsAreNotRetried() {
		ollama.enqueue(Reply.error(500, "model runner crashed"));
		try (ConfigurableApplicationContext context = OllamaApplication.run(ollama,
				"--spring.ai.retry.max-attempts=2")) {
			assertThatException().isThrownBy(() -> context.getBean(ChatClient.Builder.class)
				.build()
				.prompt("Hi")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "streaming"))
				.stream()
				.content()
				.collectList()
				.block());
			// Ollama's stream bypasses the template: one request, no retry to count.
			assertThat(ollama.requests()).hasSize(1);
			PrometheusText metrics = scrape(context);
			assertThat(metrics.sum("agent_llm_retries_total")).isZero();
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "streaming", "outcome", "error",
					"error", "server_error"))
				.isEqualTo(1);
		}
		assertThat(ollama.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@Test
	void doesNotCountRetriesOfChatModelCallsMadeWithoutChatClient() {
		ollama.enqueue(Reply.error(500, "model runner crashed"), Reply.text("Direct.").usage(10, 2));
		try (ConfigurableApplicationContext context = OllamaApplication.run(ollama,
				"--spring.ai.retry.max-attempts=2")) {
			ChatResponse response = context.getBean(ChatModel.class).call(new Prompt("Hi"));
			assertThat(response.getResult().getOutput().getText()).isEqualTo("Direct.");
			// The provider received a retry, but no ChatClient call was in progress to
			// attribute it to: the template's listener skips retries outside calls.
			assertThat(ollama.requests()).hasSize(2);
			assertThat(scrape(context).sum("agent_llm_retries_total")).isZero();
		}
		assertThat(ollama.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	private static PrometheusText scrape(ConfigurableApplicationContext context) {
		return PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
	}

}
