package dev.agentmetrics.llm;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.google.genai.GoogleGenAiChatModel;
import org.springframework.ai.google.genai.GoogleGenAiChatOptions;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderResolverTests {

	@ParameterizedTest
	@CsvSource({ "org.springframework.ai.openai.OpenAiChatOptions, openai",
			"org.springframework.ai.anthropic.AnthropicChatOptions, anthropic",
			"org.springframework.ai.ollama.api.OllamaChatOptions, ollama",
			"org.springframework.ai.google.genai.GoogleGenAiChatOptions, google_genai",
			"org.springframework.ai.vertexai.gemini.VertexAiGeminiChatOptions, vertex_ai",
			"org.springframework.ai.mistralai.MistralAiChatOptions, mistral_ai",
			"org.springframework.ai.bedrock.converse.BedrockChatOptions, bedrock_converse",
			"org.springframework.ai.deepseek.DeepSeekChatOptions, deepseek",
			"org.springframework.ai.minimax.MiniMaxChatOptions, minimax",
			"org.springframework.ai.zhipuai.ZhiPuAiChatOptions, zhipuai",
			"org.springframework.ai.oci.cohere.OCICohereChatOptions, oci_genai",
			"org.springframework.ai.openaisdk.OpenAiSdkChatOptions, openai_sdk",
			"org.springframework.ai.azure.openai.AzureOpenAiChatOptions, azure_openai",
			"org.springframework.ai.huggingface.HuggingfaceChatModel, huggingface",
			"org.springframework.ai.chat.prompt.DefaultChatOptions, unknown",
			"org.springframework.ai.model.tool.DefaultToolCallingChatOptions, unknown",
			"com.example.MyChatOptions, unknown" })
	void namesProvidersAsSpringAiDoes(String type, String provider) {
		assertThat(ProviderResolver.providerOf(type)).isEqualTo(provider);
	}

	@Test
	void readsTheProviderOfOptionsAndModelTypes() {
		assertThat(ProviderResolver.providerOf(OpenAiChatModel.class)).isEqualTo("openai");
		assertThat(ProviderResolver.providerOf(OpenAiChatOptions.class)).isEqualTo("openai");
	}

	@Test
	void namesGoogleGenAiOptionsAndModelsOfThisLine() {
		assertThat(ProviderResolver.providerOf(GoogleGenAiChatModel.class)).isEqualTo("google_genai");
		assertThat(ProviderResolver.providerOf(GoogleGenAiChatOptions.class)).isEqualTo("google_genai");
		assertThat(new ProviderResolver("openai").provider(GoogleGenAiChatOptions.builder().model("gemini-2.5-flash").build()))
			.isEqualTo("google_genai");
	}

	@Test
	void fallsBackToTheDefaultForPortableOrMissingOptions() {
		ProviderResolver providers = new ProviderResolver("anthropic");
		assertThat(providers.provider(ChatOptions.builder().model("claude").build())).isEqualTo("anthropic");
		assertThat(providers.provider(null)).isEqualTo("anthropic");
		assertThat(providers.provider(OpenAiChatOptions.builder().build())).isEqualTo("openai");
		assertThat(providers.provider(ChatOptions.builder().build())).isEqualTo("anthropic");
	}

	@ParameterizedTest
	@CsvSource({ "https://api.deepseek.com, deepseek", "https://api.mistral.ai/v1, mistral_ai",
			"https://openrouter.ai/api, openrouter", "https://API.GROQ.COM/openai, groq",
			"https://generativelanguage.googleapis.com/v1beta/openai, google_genai",
			"https://api.openai.com, openai", "http://localhost:8000, openai", "http://vllm.internal:8000/v1, openai",
			"not a url, openai" })
	void namesOpenAiCompatibleEndpointsByTheirHost(String baseUrl, String provider) {
		assertThat(ProviderResolver.openAiCompatibleProvider(baseUrl)).isEqualTo(provider);
	}

	@Test
	void renamesTheProvidersItWasGiven() {
		ProviderResolver resolver = new ProviderResolver("deepseek", Map.of("openai", "deepseek"));
		assertThat(resolver.provider(OpenAiChatOptions.builder().build())).isEqualTo("deepseek");
		assertThat(resolver.provider(ChatOptions.builder().build())).isEqualTo("deepseek");
		assertThat(resolver.name("openai")).isEqualTo("deepseek");
		assertThat(resolver.name("anthropic")).isEqualTo("anthropic");
	}

}
