package dev.agentmetrics.llm.anthropic;

import com.anthropic.core.JsonField;
import com.anthropic.core.KnownValue;
import com.anthropic.models.messages.CacheCreation;
import com.anthropic.models.messages.MessageDeltaUsage;
import com.anthropic.models.messages.OutputTokensDetails;
import dev.agentmetrics.llm.TokenCounts;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.lang.Nullable;

/**
 * Reads the usage of Spring AI 2.0's Anthropic client, the Anthropic SDK's
 * {@link com.anthropic.models.messages.Usage} (blocking calls) and
 * {@link MessageDeltaUsage} (the last event of a stream). Anthropic's
 * {@code input_tokens} leaves out the tokens read from and written to the prompt cache,
 * which it bills too: agent-metrics' input is their sum. The one-hour part of the cache
 * writes comes from {@code cache_creation.ephemeral_1h_input_tokens}, which only blocking
 * responses carry.
 *
 * @author agent-metrics
 */
public class AnthropicUsageReader implements UsageReader {

	@Override
	@Nullable
	public TokenUsage read(Usage usage) {
		TokenUsage[] read = new TokenUsage[1];
		return read(usage, (input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h) -> read[0] = new TokenUsage(
				input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h)) ? read[0] : null;
	}

	@Override
	public boolean read(Usage usage, TokenCounts counts) {
		Object nativeUsage = usage.getNativeUsage();
		if (nativeUsage instanceof com.anthropic.models.messages.Usage message
				&& value(usage.getCompletionTokens()) == message.outputTokens()) {
			long cacheRead = count(message._cacheReadInputTokens());
			long cacheWrite = count(message._cacheCreationInputTokens());
			CacheCreation cacheCreation = known(message._cacheCreation());
			long cacheWrite1h = (cacheCreation != null) ? count(cacheCreation._ephemeral1hInputTokens()) : 0;
			counts.tokens(message.inputTokens() + cacheRead + cacheWrite, message.outputTokens(), cacheRead, cacheWrite,
					thinking(message._outputTokensDetails()), cacheWrite1h);
			return true;
		}
		if (nativeUsage instanceof MessageDeltaUsage delta && value(usage.getCompletionTokens()) == delta.outputTokens()) {
			// The input tokens came with the stream's first event: Spring AI reports them.
			long cacheRead = count(delta._cacheReadInputTokens());
			long cacheWrite = count(delta._cacheCreationInputTokens());
			counts.tokens(value(usage.getPromptTokens()) + cacheRead + cacheWrite, delta.outputTokens(), cacheRead,
					cacheWrite, thinking(delta._outputTokensDetails()), 0);
			return true;
		}
		return false;
	}

	private static long thinking(JsonField<OutputTokensDetails> field) {
		OutputTokensDetails details = known(field);
		return (details != null) ? count(details._thinkingTokens()) : 0;
	}

	// The SDK's raw fields, not its Optional accessors, which allocate on every call.

	@Nullable
	private static <T> T known(JsonField<T> field) {
		return (field instanceof KnownValue<T> known) ? known.value() : null;
	}

	private static long count(JsonField<Long> field) {
		Long count = known(field);
		return (count != null) ? count : 0;
	}

	private static long value(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
