package dev.agentmetrics.integration;

import java.time.Duration;
import java.util.List;

import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.run.AgentRuns;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * With content capture off, as by default, no span attribute holds a prompt, an answer, a
 * tool's arguments or result, or the API key: each carries a marker, and no attribute of
 * any span of calls that loop, stream and fail contains it.
 */
@OpenAiIntegrationTest
@Import(CapturedSpans.Configuration.class)
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"spring.ai.openai.api-key=" + TracingPrivacyTests.API_KEY })
class TracingPrivacyTests {

	static final String API_KEY = "sk-proj-Zq81TracedKey4711";

	private static final String MARKER = "PRIVATE-5e1d7b";

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private AgentRuns agentRuns;

	@Autowired
	private Client client;

	@Autowired
	private CapturedSpans spans;

	@Test
	void noSpanAttributeHoldsUserDataOrTheApiKey() {
		this.openAi.enqueue(Reply.toolCall("lookUp", "{\"query\":\"" + MARKER + "\"}").usage(100, 10),
				Reply.text("Found " + MARKER).usage(130, 10));
		this.openAi.enqueue(Reply.text("Streamed " + MARKER).usage(90, 9));
		this.openAi.enqueue(Reply.error(400, "invalid_request_error", "Bad request"));
		ChatClient chatClient = this.client.chatClient();
		this.agentRuns.run("support", () -> {
			chatClient.prompt("Look up " + MARKER).tools(new LookUpTools()).call().content();
			chatClient.prompt("Stream " + MARKER).stream().content().collectList().block();
		});
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(
				() -> this.agentRuns.run("support", () -> chatClient.prompt("Fail " + MARKER).call().content()));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.spans.chatModelSpans()).hasSize(4));
		List<SpanData> all = this.spans.all();
		assertThat(this.spans.named("execute_tool")).hasSize(1);
		assertThat(this.spans.named("invoke_agent")).hasSize(2);
		assertThat(all).allSatisfy((span) -> {
			assertThat(span.getName()).doesNotContain(MARKER);
			span.getAttributes().forEach((key, value) -> assertThat(String.valueOf(value)).as(span.getName() + " " + key)
				.doesNotContain(MARKER)
				.doesNotContain(API_KEY));
		});
	}

	/** A tool whose result carries the marker. */
	static class LookUpTools {

		@Tool(description = "Look up an order")
		String lookUp(String query) {
			return "Order " + MARKER + " for " + query;
		}

	}

}
