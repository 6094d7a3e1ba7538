package dev.agentmetrics.integration;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.integration.FakeOpenAi.Reply;
import dev.agentmetrics.integration.OpenAiApplication.Client;
import dev.agentmetrics.run.AgentRuns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.memory.ChatMemory;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Prompts, completions, tool arguments and results, error messages, user and conversation
 * ids and the API key all carry a marker; after calls that succeed, loop, stream, fail and
 * use an unpriced model, neither the scrape nor any line the starter logged (at DEBUG)
 * contains the marker or the key.
 */
@OpenAiIntegrationTest
@TestPropertySource(properties = "spring.ai.openai.api-key=" + SensitiveDataTests.API_KEY)
class SensitiveDataTests {

	static final String API_KEY = "sk-proj-Zq81SecretKey4711";

	private static final String MARKER = "PRIVATE-7f3a9c";

	private final ListAppender<ILoggingEvent> starterLog = new ListAppender<>();

	private final Logger starterLogger = (Logger) LoggerFactory.getLogger("dev.agentmetrics");

	@Autowired
	private FakeOpenAi openAi;

	@Autowired
	private AgentRuns agentRuns;

	@Autowired
	private Client client;

	@BeforeEach
	void captureTheStartersLog() {
		this.starterLog.start();
		this.starterLogger.addAppender(this.starterLog);
		this.starterLogger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void stopCapturing() {
		this.starterLogger.detachAppender(this.starterLog);
		this.starterLogger.setLevel(null);
	}

	@Test
	void neitherTagsNorTheStartersLogsContainUserDataOrTheApiKey() {
		ChatClient chatClient = this.client.chatClient();
		this.openAi.enqueue(Reply.text("Your order " + MARKER + " ships today").usage(120, 12));
		// A loop of three identical tool calls whose arguments carry the marker, then an answer.
		this.openAi.enqueue(Reply.toolCall("lookUp", "{\"query\":\"" + MARKER + "\"}").usage(100, 10),
				Reply.toolCall("lookUp", "{\"query\":\"" + MARKER + "\"}").usage(110, 10),
				Reply.toolCall("lookUp", "{\"query\":\"" + MARKER + "\"}").usage(120, 10),
				Reply.text("Found " + MARKER).usage(130, 10));
		this.openAi.enqueue(Reply.text("Streamed " + MARKER).usage(90, 9));
		this.openAi.enqueue(Reply.toolCall("fail", "{\"query\":\"" + MARKER + "\"}").usage(50, 5),
				Reply.text("Sorry").usage(60, 5));
		this.openAi.enqueue(Reply.error(400, "context_length_exceeded",
				"This model's maximum context length is 128000 tokens. Your messages: " + MARKER));
		this.openAi.enqueue(Reply.text("Hi " + MARKER).model("acme-large").usage(10, 1));

		String user = "user-" + MARKER;
		String conversation = "conversation-" + MARKER;
		List<Object> results = this.agentRuns.run("support", () -> {
			String first = chatClient.prompt("My secret is " + MARKER + " and my key is " + API_KEY)
				.system("You help user " + user)
				.advisors((advisors) -> advisors.param(ChatMemory.CONVERSATION_ID, conversation).param("user", user))
				.call()
				.content();
			String looped = chatClient.prompt("Look up " + MARKER).tools(new LookUpTools()).call().content();
			String streamed = String.join("",
					chatClient.prompt("Stream " + MARKER).stream().content().collectList().block());
			String afterFailure = chatClient.prompt("Fail " + MARKER).tools(new LookUpTools()).call().content();
			Throwable rejected = catchThrowable(() -> chatClient.prompt("Too long " + MARKER).call().content());
			String unpriced = SpringAiLine.openAiModel(chatClient.prompt("Other " + MARKER), "acme-large")
				.advisors((advisors) -> advisors.param(AgentMetrics.AGENT, "support"))
				.call()
				.content();
			return List.of(first, looped, streamed, afterFailure, rejected.getMessage(), unpriced);
		});
		assertThat(results).hasSize(6);
		assertThat(this.openAi.requests()).hasSize(10);

		String scrape = this.client.scrapeText();
		assertThat(scrape).contains("agent_tool_loops_total{agent=\"support\",tool=\"lookUp\"} 1.0")
			.contains("agent_llm_requests_seconds_count{agent=\"support\",error=\"context_length\"")
			.contains("agent_llm_unpriced_calls_total{model=\"acme-large\"} 1.0");
		String starterLines = starterLines();
		// The starter did log, so the scan below has something to scan.
		assertThat(starterLines).contains("detected a tool loop").contains("has no price for model");
		for (String text : List.of(scrape, starterLines)) {
			assertThat(text).doesNotContainIgnoringCase(MARKER)
				.doesNotContain(API_KEY)
				.doesNotContain("sk-proj")
				.doesNotContain("Bearer");
		}
	}

	private String starterLines() {
		StringBuilder lines = new StringBuilder();
		for (ILoggingEvent event : this.starterLog.list) {
			lines.append(event.getLoggerName()).append(' ').append(event.getFormattedMessage()).append('\n');
			if (event.getThrowableProxy() != null) {
				lines.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
			}
		}
		return lines.toString();
	}

	static class LookUpTools {

		@Tool(description = "Look something up")
		String lookUp(String query) {
			return "Result for " + query;
		}

		@Tool(description = "Fails")
		String fail(String query) {
			throw new IllegalStateException("Cannot handle " + query);
		}

	}

}
