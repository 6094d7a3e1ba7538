package dev.agentmetrics.llm;

import java.util.List;

import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.lang.Nullable;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * What agent-metrics reads from Spring AI's responses: model, usage, content and finish
 * reasons, null-safe, on both Spring AI generations.
 *
 * @author agent-metrics
 */
final class ChatResponses {

	/**
	 * Finish reason of the answer Spring AI 2.0 gives instead of the model's when a tool
	 * loop reaches its tool-call limit.
	 */
	static final String TOOL_CALL_LIMIT_FINISH_REASON = "toolCallLimitExceeded";

	/** Whether this Spring AI has tool-call limits (2.0 on); 1.1's calls need no check. */
	static final boolean TOOL_CALL_LIMITS = ClassUtils
		.isPresent("org.springframework.ai.model.tool.ToolCallLimitExceededException", ChatResponses.class.getClassLoader());

	/**
	 * Finish reasons of answers a provider's content filter cut or replaced: OpenAI's
	 * {@code content_filter}, Anthropic's {@code refusal}, Gemini's safety, recitation and
	 * blocklist reasons. An array compared ignoring case: a finish reason is read on every
	 * call, and lower-casing it would allocate.
	 */
	private static final String[] CONTENT_FILTER_FINISH_REASONS = { "content_filter", "refusal", "safety",
			"recitation", "blocklist", "prohibited_content", "spii", "image_safety" };

	/** Racy but safe: strings are immutable, and a lost update only costs a comparison. */
	@Nullable
	private static String lastOtherFinishReason;

	private ChatResponses() {
	}

	/** Whether a finish reason says the provider's content filter stopped the answer. */
	static boolean isContentFilter(@Nullable String finishReason) {
		// Providers' clients name finish reasons with constants: the one seen last that is
		// no filter's is most likely the same instance again.
		if (finishReason == null || finishReason == lastOtherFinishReason) {
			return false;
		}
		for (String reason : CONTENT_FILTER_FINISH_REASONS) {
			if (reason.equalsIgnoreCase(finishReason)) {
				return true;
			}
		}
		lastOtherFinishReason = finishReason;
		return false;
	}

	/** The model a response names, {@code null} when it names none. */
	@Nullable
	static String model(@Nullable ChatResponse response) {
		ChatResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
		return (metadata != null && StringUtils.hasText(metadata.getModel())) ? metadata.getModel() : null;
	}

	/** The usage a response reports, {@code null} when it reports none or only zeros. */
	@Nullable
	static Usage usage(@Nullable ChatResponse response) {
		ChatResponseMetadata metadata = (response != null) ? response.getMetadata() : null;
		Usage usage = (metadata != null) ? metadata.getUsage() : null;
		return (usage == null || total(usage) == 0) ? null : usage;
	}

	/** The prompt and completion tokens of a usage. */
	static long total(Usage usage) {
		Integer prompt = usage.getPromptTokens();
		Integer completion = usage.getCompletionTokens();
		return ((prompt != null) ? prompt : 0) + ((completion != null) ? completion : 0);
	}

	/** Whether a chunk carries text or a tool call. */
	static boolean hasContent(ChatResponse chunk) {
		for (Generation generation : chunk.getResults()) {
			if (generation != null && generation.getOutput() != null
					&& (StringUtils.hasLength(generation.getOutput().getText()) || generation.getOutput().hasToolCalls())) {
				return true;
			}
		}
		return false;
	}

	/** The first finish reason of a response's generations, {@code null} when none has one. */
	@Nullable
	static String finishReason(ChatResponse response) {
		List<Generation> generations = response.getResults();
		// By index: an iterator would be allocated on every call where the JIT does not
		// remove it.
		for (int i = 0; i < generations.size(); i++) {
			Generation generation = generations.get(i);
			if (generation != null && generation.getMetadata() != null
					&& StringUtils.hasText(generation.getMetadata().getFinishReason())) {
				return generation.getMetadata().getFinishReason();
			}
		}
		return null;
	}

}
