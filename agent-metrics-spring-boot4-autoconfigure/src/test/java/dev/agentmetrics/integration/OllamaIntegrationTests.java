package dev.agentmetrics.integration;

import java.util.List;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOllama.Reply;
import dev.agentmetrics.test.PrometheusText;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.agentmetrics.integration.CallMetrics.cost;
import static dev.agentmetrics.integration.CallMetrics.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.within;

/**
 * Spring AI 2.0's real Ollama client over HTTP against a fake of Ollama's {@code /api/chat}:
 * Ollama bills nothing, but counts {@code prompt_eval_count} and {@code eval_count}, which
 * are the input and output tokens, exact through tool loops and streams; a self-hosted
 * model priced in the configuration costs what those counts cost. Spring AI 1.1.6's Ollama
 * module is not served to this build, so the Boot 3.5 line has no such test.
 */
class OllamaIntegrationTests {

	// USD per token of the price the test configures for llama3.2.
	private static final double IN = 0.10 / 1e6;

	private static final double OUT = 0.40 / 1e6;

	private static final FakeOllama ollama = FakeOllama.start();

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication() {
		context = OllamaApplication.run(ollama, "--spring.ai.retry.max-attempts=0",
				"--agent-metrics.pricing.models.[llama3.2].input=0.10",
				"--agent-metrics.pricing.models.[llama3.2].output=0.40");
	}

	@AfterAll
	static void stop() {
		context.close();
		ollama.close();
	}

	@AfterEach
	void everyReplyWasUsed() {
		assertThat(ollama.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
		ollama.reset();
	}

	@Test
	void recordsExactTokensAndCostOfACall() {
		ollama.enqueue(Reply.text("Hello.").usage(30, 4));
		assertThat(call("single", "Hi")).isEqualTo("Hello.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "single", "provider", "ollama", "model",
				"llama3.2", "outcome", "success", "stream", "false"))
			.isEqualTo(1);
		assertThat(tokens(metrics, "single", "input")).isEqualTo(30);
		assertThat(tokens(metrics, "single", "output")).isEqualTo(4);
		assertThat(cost(metrics, "single")).isCloseTo(30 * IN + 4 * OUT, within(1e-15));
	}

	@Test
	void countsEveryRoundOfAToolLoopOnce() {
		ollama.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Oslo\"}").usage(50, 10),
				Reply.text("Snow in Oslo.").usage(80, 6));
		String answer = chatClient().prompt("Weather in Oslo?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "loop"))
			.call()
			.content();
		assertThat(answer).isEqualTo("Snow in Oslo.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "loop")).isEqualTo(1);
		assertThat(tokens(metrics, "loop", "input")).isEqualTo(130);
		assertThat(tokens(metrics, "loop", "output")).isEqualTo(16);
		assertThat(cost(metrics, "loop")).isCloseTo(130 * IN + 16 * OUT, within(1e-15));
		assertThat(metrics.sum("agent_tool_calls_seconds_count", "agent", "loop", "tool", "getWeather")).isEqualTo(1);
		assertThat(metrics.sum("agent_llm_prompt_cache_total", "agent", "loop", "result", "miss")).isEqualTo(2);
	}

	@Test
	void takesTheUsageOfAStreamFromItsLastObject() {
		ollama.enqueue(Reply.text("Streaming works.").usage(40, 8));
		List<String> chunks = chatClient().prompt("Stream please")
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Streaming works.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream", "stream", "true")).isEqualTo(1);
		assertThat(tokens(metrics, "stream", "input")).isEqualTo(40);
		assertThat(tokens(metrics, "stream", "output")).isEqualTo(8);
		assertThat(metrics.sum("agent_llm_time_to_first_token_seconds_count", "agent", "stream")).isEqualTo(1);
	}

	@Test
	void countsAStreamWithAToolLoopOnceWithEveryRound() {
		ollama.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Bergen\"}").usage(60, 12),
				Reply.text("Rain in Bergen.").usage(90, 7));
		List<String> chunks = chatClient().prompt("Weather in Bergen?")
			.tools(new WeatherTools())
			.advisors((a) -> a.param(AgentMetrics.AGENT, "stream-loop"))
			.stream()
			.content()
			.collectList()
			.block();
		assertThat(String.join("", chunks)).isEqualTo("Rain in Bergen.");
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "stream-loop")).isEqualTo(1);
		assertThat(tokens(metrics, "stream-loop", "input")).isEqualTo(150);
		assertThat(tokens(metrics, "stream-loop", "output")).isEqualTo(19);
		assertThat(cost(metrics, "stream-loop")).isCloseTo(150 * IN + 19 * OUT, within(1e-15));
	}

	@Test
	void recordsFailedCallsByKind() {
		ollama.enqueue(Reply.error(500, "model runner crashed"), Reply.error(404, "model \"llama9\" not found"));
		assertThatException().isThrownBy(() -> call("crashed", "Hi"));
		assertThatException().isThrownBy(() -> call("missing", "Hi"));
		PrometheusText metrics = scrape();
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "crashed", "outcome", "error", "error",
				"server_error"))
			.isEqualTo(1);
		assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "missing", "outcome", "error", "error",
				"invalid_request"))
			.isEqualTo(1);
		assertThat(metrics.matching("agent_llm_tokens_total", "agent", "crashed")).isEmpty();
	}

	private static String call(String agent, String question) {
		return chatClient().prompt(question).advisors((a) -> a.param(AgentMetrics.AGENT, agent)).call().content();
	}

	private static ChatClient chatClient() {
		return context.getBean(ChatClient.Builder.class).build();
	}

	private static PrometheusText scrape() {
		return PrometheusText.parse(context.getBean(PrometheusMeterRegistry.class).scrape());
	}

}
