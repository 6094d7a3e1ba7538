package dev.agentmetrics.test;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.annotation.Tool;

class ProbeScratchTests {

	static class Weather {
		@Tool(description = "weather")
		String getWeather(String city) {
			return "Sunny in " + city;
		}
	}

	@Test
	void probe() {
		try (FakeOpenAiServer server = FakeOpenAiServer.start()) {
			OpenAiApi api = OpenAiApi.builder().baseUrl(server.baseUrl()).apiKey("test").build();
			OpenAiChatModel model = OpenAiChatModel.builder().openAiApi(api)
				.defaultOptions(OpenAiChatOptions.builder().model("gpt-4o-mini").streamUsage(true)
					.toolCallbacks(ToolCallbacks.from(new Weather())).build())
				.build();
			server.enqueue(FakeResponse.toolCalls(FakeResponse.call("getWeather", "{\"city\":\"Paris\"}")).usage(50, 10).cachedTokens(5),
					FakeResponse.text("It is sunny in Paris").usage(80, 15).cachedTokens(7));
			List<ChatResponse> list = model.stream(new Prompt("Weather?")).collectList().block();
			for (ChatResponse r : list) {
				var u = r.getMetadata().getUsage();
				System.out.println("PROBE results=" + r.getResults().size() + " text=" + (r.getResult() == null ? null : "'" + r.getResult().getOutput().getText() + "'")
					+ " tools=" + (r.getResult() == null ? null : r.getResult().getOutput().getToolCalls().size())
					+ " finish=" + (r.getResult() == null ? null : r.getResult().getMetadata().getFinishReason())
					+ " id=" + r.getMetadata().getId() + " model=" + r.getMetadata().getModel()
					+ " usage=" + u.getPromptTokens() + "/" + u.getCompletionTokens() + "/" + u.getTotalTokens() + " native=" + (u.getNativeUsage() == null ? null : u.getNativeUsage().getClass().getSimpleName() + ":" + u.getNativeUsage()));
			}
			server.requests().forEach(r -> System.out.println("PROBE REQ " + r.headers() + " " + r.body()));
			long t = System.nanoTime();
			server.close();
			System.out.println("PROBE close ms " + (System.nanoTime() - t) / 1_000_000);
		}
	}
}
