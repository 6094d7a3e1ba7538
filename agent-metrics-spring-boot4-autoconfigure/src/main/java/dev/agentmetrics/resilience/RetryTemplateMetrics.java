package dev.agentmetrics.resilience;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.support.FailOpenLogger;

import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Counts the retries of Spring Framework 7's {@link RetryTemplate}, which Spring AI 2.0's
 * Ollama, Mistral AI, DeepSeek and Google GenAI chat models run their blocking requests
 * in, in {@code agent.llm.retries}, by agent, provider and the kind of failure that caused
 * each. A listener on the template, not a retry of its own; it counts the retries made
 * inside ChatClient calls only, since an application may use retry templates for other
 * work.
 *
 * @author agent-metrics
 */
public class RetryTemplateMetrics implements RetryListener {

	private static final FailOpenLogger logger = new FailOpenLogger(RetryTemplateMetrics.class);

	private final LlmRetryMeters meters;

	private final ErrorClassifier errorClassifier;

	/**
	 * Create a listener counting into the given meters.
	 * @param meters the retry counters
	 * @param errorClassifier the classifier of the failures that cause retries
	 */
	public RetryTemplateMetrics(LlmRetryMeters meters, ErrorClassifier errorClassifier) {
		this.meters = meters;
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
	}

	/**
	 * Count the retry about to be made. The template calls this after its back-off, on the
	 * thread that runs the attempts, right before each retry (never before the first
	 * attempt), so a retry interrupted in its back-off, which sends no request, is not
	 * counted.
	 */
	@Override
	public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable, RetryState retryState) {
		try {
			LlmCall call = LlmCall.current();
			if (call == null) {
				// Not an LLM request: the application's own use of a retry template.
				return;
			}
			this.meters.retried(call.agent(), call.provider(), classify(retryState));
		}
		catch (Throwable ex) {
			logger.recordingFailed("counting a retry", ex);
		}
	}

	private ErrorKind classify(RetryState retryState) {
		// The template has recorded the failure of the attempt before this retry.
		if (retryState.getExceptions().isEmpty()) {
			return ErrorKind.UNKNOWN;
		}
		return this.errorClassifier.classify(retryState.getLastException());
	}

}
