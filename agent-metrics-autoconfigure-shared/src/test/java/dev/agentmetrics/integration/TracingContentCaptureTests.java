package dev.agentmetrics.integration;

import java.time.Duration;

import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.run.AgentRuns;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static dev.agentmetrics.integration.CapturedSpans.stringAttribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code agent-metrics.tracing.capture-content=true}, each chat-model span carries
 * its prompt and answer, and each tool span its arguments and result.
 */
@OpenAiIntegrationTest
@Import(CapturedSpans.Configuration.class)
@TestPropertySource(properties = { "management.tracing.sampling.probability=1.0",
		"agent-metrics.tracing.capture-content=true" })
class TracingContentCaptureTests {

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private AgentRuns agentRuns;

	@Autowired
	private Client client;

	@Autowired
	private CapturedSpans spans;

	@Test
	void spansCarryPromptsAnswersAndToolCalls() {
		this.openAi.enqueue(Reply.toolCall("getWeather", "{\"city\":\"Paris\"}").usage(100, 10),
				Reply.text("It is \"sunny\" in Paris").usage(130, 10));
		ChatClient chatClient = this.client.chatClient();
		this.agentRuns.run("support",
				() -> chatClient.prompt().system("Be brief").user("Weather in Paris?").tools(new WeatherTools()).call().content());

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.spans.chatModelSpans()).hasSize(2));
		SpanData answer = this.spans.chatModelSpans().get(1);
		assertThat(stringAttribute(answer, "gen_ai.input.messages"))
			.startsWith("[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\"Weather in Paris?\"}")
			.contains("{\"role\":\"tool\"");
		assertThat(stringAttribute(answer, "gen_ai.output.messages"))
			.isEqualTo("[{\"role\":\"assistant\",\"content\":\"It is \\\"sunny\\\" in Paris\",\"finish_reason\":\"STOP\"}]");
		SpanData tool = this.spans.named("execute_tool").get(0);
		assertThat(stringAttribute(tool, "gen_ai.tool.call.arguments")).isEqualTo("{\"city\":\"Paris\"}");
		assertThat(stringAttribute(tool, "gen_ai.tool.call.result")).isEqualTo("\"Sunny in Paris\"");
	}

}
