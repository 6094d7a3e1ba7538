package dev.agentmetrics.llm.anthropic;

import dev.agentmetrics.llm.TokenCounts;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.anthropic.api.AnthropicApi;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * Reads the usage of Spring AI 1.1's Anthropic client, {@link AnthropicApi.Usage}.
 * Anthropic's {@code input_tokens}, which Spring AI reports as the prompt tokens, leaves
 * out the tokens read from and written to the prompt cache, which it bills too:
 * agent-metrics' input is their sum. Spring AI 1.1 does not read which cache (five-minute
 * or one-hour) the writes went to, so they are all priced as five-minute writes.
 *
 * @author agent-metrics
 */
public class AnthropicUsageReader implements UsageReader {

	/** Where Spring AI 1.1's Anthropic chat model keeps Anthropic's response. */
	private static final String RESPONSE_KEY = "anthropic-response";

	@Override
	@Nullable
	public TokenUsage read(Usage usage) {
		if (usage.getNativeUsage() instanceof AnthropicApi.Usage anthropic && sameTotals(usage, anthropic)) {
			return read(anthropic);
		}
		return null;
	}

	@Override
	public boolean read(Usage usage, TokenCounts counts) {
		if (usage.getNativeUsage() instanceof AnthropicApi.Usage anthropic && sameTotals(usage, anthropic)) {
			long cacheRead = value(anthropic.cacheReadInputTokens());
			long cacheWrite = value(anthropic.cacheCreationInputTokens());
			counts.tokens(value(anthropic.inputTokens()) + cacheRead + cacheWrite, value(anthropic.outputTokens()),
					cacheRead, cacheWrite, 0, 0);
			return true;
		}
		return false;
	}

	/**
	 * Read the usage of the one request whose response this is from the Anthropic response
	 * Spring AI 1.1 keeps in the metadata ({@code anthropic-response}), which holds that
	 * request's own usage where the response's {@link Usage} is merged over a tool loop's
	 * rounds.
	 */
	@Override
	@Nullable
	public TokenUsage readOwn(ChatResponse response) {
		ChatResponseMetadata metadata = response.getMetadata();
		Object anthropicResponse = (metadata != null) ? metadata.get(RESPONSE_KEY) : null;
		if (anthropicResponse instanceof AnthropicApi.ChatCompletionResponse own && own.usage() != null) {
			return read(own.usage());
		}
		return null;
	}

	/**
	 * Read Anthropic's usage object.
	 * @param usage the usage as Anthropic reported it
	 * @return the tokens
	 */
	public static TokenUsage read(AnthropicApi.Usage usage) {
		long cacheRead = value(usage.cacheReadInputTokens());
		long cacheWrite = value(usage.cacheCreationInputTokens());
		return new TokenUsage(value(usage.inputTokens()) + cacheRead + cacheWrite, value(usage.outputTokens()),
				cacheRead, cacheWrite, 0);
	}

	private static boolean sameTotals(Usage usage, AnthropicApi.Usage anthropic) {
		// Spring AI's usage merged over several rounds keeps no native object, but only
		// trust the details when they describe the same tokens.
		return value(usage.getPromptTokens()) == value(anthropic.inputTokens())
				&& value(usage.getCompletionTokens()) == value(anthropic.outputTokens());
	}

	private static long value(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
