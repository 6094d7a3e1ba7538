package dev.agentmetrics.llm;

import io.micrometer.core.instrument.Clock;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.lang.Nullable;

/**
 * What the chunks of a streaming call told so far: its model, when its first content came,
 * its usage, and whether its tool loop hit Spring AI's limit or a content filter stopped it. Written by the one thread that
 * delivers the stream's signals.
 *
 * @author agent-metrics
 */
final class StreamProgress {

	@Nullable
	private String model;

	private long firstContentTime;

	@Nullable
	private Usage finishUsage;

	@Nullable
	private ChatResponse finishChunk;

	@Nullable
	private Usage lastUsage;

	private boolean toolCallLimitReached;

	private boolean contentFiltered;

	/**
	 * Note one chunk.
	 * @param chunk the chunk
	 * @param clock the clock, read only for the first chunk with content
	 */
	void chunk(ChatResponse chunk, Clock clock) {
		if (this.model == null) {
			this.model = ChatResponses.model(chunk);
		}
		if (this.firstContentTime == 0 && ChatResponses.hasContent(chunk)) {
			this.firstContentTime = clock.monotonicTime();
		}
		Usage usage = ChatResponses.usage(chunk);
		// The generations are read once, and only where an answer can depend on them: a
		// chunk with usage, or any chunk where Spring AI has tool-call limits.
		String finishReason = (usage != null || ChatResponses.TOOL_CALL_LIMITS) ? ChatResponses.finishReason(chunk)
				: null;
		if (ChatResponses.TOOL_CALL_LIMIT_FINISH_REASON.equals(finishReason)) {
			this.toolCallLimitReached = true;
		}
		else if (ChatResponses.isContentFilter(finishReason)) {
			this.contentFiltered = true;
		}
		if (usage != null) {
			this.lastUsage = usage;
			// Spring AI accumulates usage over tool rounds, so the largest finish-chunk usage
			// is the whole call's; stale chunks of earlier rounds may come later.
			if (finishReason != null && (this.finishUsage == null
					|| ChatResponses.total(usage) >= ChatResponses.total(this.finishUsage))) {
				this.finishUsage = usage;
				this.finishChunk = chunk;
			}
		}
	}

	/** The model the chunks named, {@code null} when none did. */
	@Nullable
	String model() {
		return this.model;
	}

	/** When the first chunk with content arrived, 0 when none did. */
	long firstContentTime() {
		return this.firstContentTime;
	}

	/** The usage of the whole stream as Spring AI reported it, {@code null} when none. */
	@Nullable
	Usage usage() {
		return (this.finishUsage != null) ? this.finishUsage : this.lastUsage;
	}

	/** The chunk that closed the stream's last round, {@code null} when none did. */
	@Nullable
	ChatResponse finishChunk() {
		return this.finishChunk;
	}

	/** Whether a chunk said the provider's content filter stopped the answer. */
	boolean contentFiltered() {
		return this.contentFiltered;
	}

	/** Whether a chunk said the tool loop reached Spring AI's tool-call limit. */
	boolean toolCallLimitReached() {
		return this.toolCallLimitReached;
	}

}
