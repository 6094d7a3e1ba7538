package dev.agentmetrics.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.test.PrometheusText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An application on Spring Boot 4 and Spring AI 2.0 as a user writes it: Spring MVC,
 * {@code spring-ai-starter-model-openai} and this starter, nothing else. It starts, serves
 * {@code /actuator/prometheus} over HTTP, and the scrape equals what the (fake) provider
 * billed, call for call.
 */
class StarterApplicationTests {

	private static final FakeOpenAi openAi = FakeOpenAi.start();

	@AfterAll
	static void stopFake() {
		openAi.close();
	}

	@Test
	void startsAndServesWhatTheProviderBilled() throws Exception {
		openAi.enqueue(Reply.text("Hello.").usage(100, 10).cached(40),
				Reply.toolCall("getWeather", "{\"city\":\"Lima\"}").usage(200, 15).cached(100),
				Reply.text("Cloudy in Lima.").usage(260, 25).reasoning(5));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).run(
				"--server.port=0", "--server.address=127.0.0.1", "--spring.ai.openai.api-key=test-key",
				"--spring.ai.openai.base-url=" + openAi.baseUrl() + "/v1", "--spring.ai.openai.max-retries=0",
				"--spring.ai.openai.chat.options.model=gpt-4o-mini",
				"--management.endpoints.web.exposure.include=prometheus")) {
			ChatClient chatClient = context.getBean(ChatClient.Builder.class).build();
			assertThat(chatClient.prompt("Hi").call().content()).isEqualTo("Hello.");
			assertThat(chatClient.prompt("Weather in Lima?").tools(new WeatherTools()).call().content())
				.isEqualTo("Cloudy in Lima.");
			String port = context.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> scrape = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).isEqualTo(200);
			PrometheusText metrics = PrometheusText.parse(scrape.body());
			assertThat(metrics.sum("agent_llm_requests_seconds_count", "agent", "default", "outcome", "success"))
				.isEqualTo(2);
			assertThat(metrics.sum("agent_llm_tokens_total", "type", "input")).isEqualTo(560);
			assertThat(metrics.sum("agent_llm_tokens_total", "type", "output")).isEqualTo(50);
			assertThat(metrics.sum("agent_llm_tokens_total", "type", "cache_read")).isEqualTo(140);
			assertThat(metrics.sum("agent_llm_tokens_total", "type", "reasoning")).isEqualTo(5);
			// gpt-4o-mini: 0.15 input, 0.075 cached input, 0.60 output per million tokens.
			double billed = (420 * 0.15 + 140 * 0.075 + 50 * 0.60) / 1e6;
			assertThat(metrics.sum("agent_llm_cost_usd_total")).isCloseTo(billed, within(1e-12));
			assertThat(metrics.sum("agent_tool_calls_seconds_count", "tool", "getWeather")).isEqualTo(1);
			assertThat(metrics.sum("agent_circuit_breaker_state", "name", "openai")).isZero();
		}
		assertThat(openAi.leftovers()).isEqualTo("0 unexpected requests, 0 unused replies");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

	static class WeatherTools {

		@Tool(description = "The weather in a city")
		String getWeather(String city) {
			return "Cloudy in " + city;
		}

	}

}
