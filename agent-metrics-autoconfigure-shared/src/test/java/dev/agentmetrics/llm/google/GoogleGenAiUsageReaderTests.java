package dev.agentmetrics.llm.google;

import java.util.ArrayList;
import java.util.List;

import com.google.genai.types.GenerateContentResponseUsageMetadata;
import dev.agentmetrics.llm.TokenCounts;
import dev.agentmetrics.llm.TokenUsage;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;

import static org.assertj.core.api.Assertions.assertThat;

class GoogleGenAiUsageReaderTests {

	private final GoogleGenAiUsageReader reader = new GoogleGenAiUsageReader();

	@Test
	void countsToolUsePromptTokensAsInputAndThoughtsAsOutput() {
		GoogleGenAiUsage usage = GoogleGenAiUsage.from(GenerateContentResponseUsageMetadata.builder()
			.promptTokenCount(1200)
			.cachedContentTokenCount(800)
			.toolUsePromptTokenCount(45)
			.candidatesTokenCount(60)
			.thoughtsTokenCount(340)
			.totalTokenCount(1200 + 45 + 60 + 340)
			.build());
		assertThat(this.reader.read(usage)).isEqualTo(new TokenUsage(1200 + 45, 60 + 340, 800, 0, 340));
	}

	@Test
	void readsIntoCountsWhatItReadsIntoAUsage() {
		GoogleGenAiUsage usage = GoogleGenAiUsage.from(GenerateContentResponseUsageMetadata.builder()
			.promptTokenCount(500)
			.cachedContentTokenCount(100)
			.toolUsePromptTokenCount(7)
			.candidatesTokenCount(30)
			.thoughtsTokenCount(12)
			.totalTokenCount(549)
			.build());
		List<TokenUsage> read = new ArrayList<>();
		TokenCounts counts = (input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h) -> read
			.add(new TokenUsage(input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h));
		assertThat(this.reader.read(usage, counts)).isTrue();
		assertThat(read).containsExactly(new TokenUsage(507, 42, 100, 0, 12));
		assertThat(read).containsExactly(this.reader.read(usage));
	}

	@Test
	void readsAbsentCountsAsZero() {
		// Gemini leaves out the counts that are zero, as a model without thinking does.
		GoogleGenAiUsage usage = GoogleGenAiUsage.from(GenerateContentResponseUsageMetadata.builder()
			.promptTokenCount(90)
			.candidatesTokenCount(15)
			.totalTokenCount(105)
			.build());
		assertThat(this.reader.read(usage)).isEqualTo(new TokenUsage(90, 15, 0, 0, 0));
	}

	@Test
	void leavesTheUsageSpringAiMergesOverToolRoundsToTheBasicCounts() {
		// Spring AI 1.1's tool loop sums the rounds into a DefaultUsage without Gemini's details.
		DefaultUsage merged = new DefaultUsage(900, 60, 1100);
		assertThat(this.reader.read(merged)).isNull();
		assertThat(this.reader.read(merged, (input, output, cacheRead, cacheWrite, reasoning, cacheWrite1h) -> {
			throw new AssertionError("no counts for a usage the reader does not understand");
		})).isFalse();
	}

}
