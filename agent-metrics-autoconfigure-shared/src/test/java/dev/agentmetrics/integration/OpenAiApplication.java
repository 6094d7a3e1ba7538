package dev.agentmetrics.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.pricing.DefaultPrices;
import dev.agentmetrics.pricing.PrefixMatchingPriceTable;
import dev.agentmetrics.pricing.PriceTable;
import dev.agentmetrics.resilience.CircuitBreakerStateChangedEvent;
import dev.agentmetrics.run.AgentRunCompletedEvent;
import dev.agentmetrics.test.PrometheusText;
import dev.agentmetrics.tool.ToolLoopDetectedEvent;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The application of the HTTP integration tests: everything auto-configured, the line's
 * OpenAI client pointed at a {@link FakeOpenAi} of its own, a recorder of the events
 * agent-metrics publishes, a {@link Client} of the application and a price
 * table that fails for models named {@code explode-*}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class OpenAiApplication {

	@Bean
	FakeOpenAi fakeOpenAi() {
		return FakeOpenAi.start();
	}

	/**
	 * Point the line's OpenAI client at the fake, retrying a failed call
	 * {@code fake-openai.retries} times (by default not at all).
	 * @param openAi the fake
	 * @param environment the environment
	 * @return the registrar of the client's properties
	 */
	@Bean
	DynamicPropertyRegistrar fakeOpenAiProperties(FakeOpenAi openAi, Environment environment) {
		return (registry) -> SpringAiLine.pointAt(registry, openAi,
				environment.getProperty("fake-openai.retries", Integer.class, 0));
	}

	@Bean
	Events events() {
		return new Events();
	}

	@Bean
	Client client(ChatClient.Builder chatClientBuilder, Environment environment) {
		return new Client(chatClientBuilder, environment);
	}

	/** Prices like the defaults, but throws for models named explode-*, as a broken source would. */
	@Bean
	PriceTable priceTable() {
		PriceTable defaults = new PrefixMatchingPriceTable(DefaultPrices.prices());
		return (model) -> {
			if (model.startsWith("explode")) {
				throw new IllegalStateException("price source unavailable");
			}
			return defaults.find(model);
		};
	}

	/** Records the events agent-metrics publishes. */
	static class Events {

		final List<AgentRunCompletedEvent> runs = new CopyOnWriteArrayList<>();

		final List<ToolLoopDetectedEvent> loops = new CopyOnWriteArrayList<>();

		final List<CircuitBreakerStateChangedEvent> transitions = new CopyOnWriteArrayList<>();

		@EventListener
		void onRun(AgentRunCompletedEvent event) {
			this.runs.add(event);
		}

		@EventListener
		void onLoop(ToolLoopDetectedEvent event) {
			this.loops.add(event);
		}

		@EventListener
		void onTransition(CircuitBreakerStateChangedEvent event) {
			this.transitions.add(event);
		}

	}

	/**
	 * What a test uses of the running application: ChatClients from Boot's builder, and
	 * its {@code /actuator/prometheus} read over HTTP, as Prometheus reads it.
	 */
	static class Client {

		private final HttpClient http = HttpClient.newHttpClient();

		private final ChatClient.Builder chatClientBuilder;

		private final Environment environment;

		Client(ChatClient.Builder chatClientBuilder, Environment environment) {
			this.chatClientBuilder = chatClientBuilder;
			this.environment = environment;
		}

		/**
		 * Build a ChatClient as the application would.
		 * @return a ChatClient with Boot's defaults and customizers, agent-metrics' included
		 */
		ChatClient chatClient() {
			return this.chatClientBuilder.build();
		}

		/**
		 * Scrape the endpoint.
		 * @return the parsed samples
		 */
		PrometheusText scrape() {
			return PrometheusText.parse(scrapeText());
		}

		/**
		 * Scrape the endpoint.
		 * @return the exposition text as served
		 */
		String scrapeText() {
			URI uri = URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port")
					+ "/actuator/prometheus");
			try {
				HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
				}
				return response.body();
			}
			catch (java.io.IOException ex) {
				throw new IllegalStateException("GET " + uri + " failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted scraping " + uri, ex);
			}
		}

	}

}
