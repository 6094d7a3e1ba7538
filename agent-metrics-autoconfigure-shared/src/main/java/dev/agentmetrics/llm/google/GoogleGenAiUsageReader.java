package dev.agentmetrics.llm.google;

import dev.agentmetrics.llm.TokenCounts;
import dev.agentmetrics.llm.TokenUsage;
import dev.agentmetrics.llm.UsageReader;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;
import org.springframework.lang.Nullable;

/**
 * Reads the usage of Spring AI's Google GenAI client, {@link GoogleGenAiUsage}, which
 * carries Gemini's {@code usageMetadata}: input is {@code promptTokenCount} (cached content
 * included) plus {@code toolUsePromptTokenCount}, output is {@code candidatesTokenCount}
 * plus {@code thoughtsTokenCount}, cache reads are {@code cachedContentTokenCount} and
 * reasoning is {@code thoughtsTokenCount}.
 *
 * <p>
 * Spring AI reports Gemini's prompt and candidates counts as its prompt and completion
 * tokens, which leave out the tool-use prompt and the thoughts Google bills too. Only a
 * {@link GoogleGenAiUsage} describes one Gemini response: the usage Spring AI merges over
 * the rounds of a tool loop is a plain {@code DefaultUsage}, which this reader leaves to
 * the prompt and completion tokens every usage has.
 *
 * @author agent-metrics
 */
public class GoogleGenAiUsageReader implements UsageReader {

	@Override
	@Nullable
	public TokenUsage read(Usage usage) {
		if (usage instanceof GoogleGenAiUsage geminiUsage) {
			return new TokenUsage(input(geminiUsage), output(geminiUsage),
					value(geminiUsage.getCachedContentTokenCount()), 0, value(geminiUsage.getThoughtsTokenCount()));
		}
		return null;
	}

	@Override
	public boolean read(Usage usage, TokenCounts counts) {
		if (usage instanceof GoogleGenAiUsage geminiUsage) {
			counts.tokens(input(geminiUsage), output(geminiUsage), value(geminiUsage.getCachedContentTokenCount()), 0,
					value(geminiUsage.getThoughtsTokenCount()));
			return true;
		}
		return false;
	}

	private static long input(GoogleGenAiUsage usage) {
		// Gemini's prompt count includes the cached content, not the prompt of its own tool
		// use (code execution, search grounding), billed as input all the same.
		return value(usage.getPromptTokens()) + value(usage.getToolUsePromptTokenCount());
	}

	private static long output(GoogleGenAiUsage usage) {
		// Gemini's candidates count leaves out the thinking, billed as output all the same.
		return value(usage.getCompletionTokens()) + value(usage.getThoughtsTokenCount());
	}

	private static long value(@Nullable Integer value) {
		return (value != null) ? value : 0;
	}

}
