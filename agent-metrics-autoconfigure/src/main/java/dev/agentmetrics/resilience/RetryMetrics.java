package dev.agentmetrics.resilience;

import java.util.ArrayList;
import java.util.List;

import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;

/**
 * Counts the retries of Spring AI 1.1's {@code RetryTemplate} in {@code agent.llm.retries},
 * by agent, provider and the kind of failure that caused each: invisible to the caller,
 * they cost latency and rate-limit budget (providers do not bill the failed attempts). A
 * listener on the template, not a retry of its own; it counts the retries made inside
 * ChatClient calls only, since an application may use retry templates for other work.
 *
 * @author agent-metrics
 */
public class RetryMetrics implements RetryListener {

	private static final FailOpenLogger logger = new FailOpenLogger(RetryMetrics.class);

	private static final String FAILURES = RetryMetrics.class.getName() + ".failures";

	private final ErrorClassifier errorClassifier;

	private final LlmRetryMeters meters;

	/**
	 * Create an instance.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of the failures that cause retries
	 */
	public RetryMetrics(MeterRegistry registry, ErrorClassifier errorClassifier) {
		this(registry, errorClassifier, TagValueLimiter.unlimited());
	}

	/**
	 * Create an instance that bounds the values of its tags.
	 * @param registry the registry to record into
	 * @param errorClassifier the classifier of the failures that cause retries
	 * @param tagValueLimiter the bounds of tag values
	 */
	public RetryMetrics(MeterRegistry registry, ErrorClassifier errorClassifier, TagValueLimiter tagValueLimiter) {
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
		this.meters = new LlmRetryMeters(registry, tagValueLimiter);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T, E extends Throwable> void onError(RetryContext context, RetryCallback<T, E> callback,
			Throwable throwable) {
		try {
			if (LlmCall.current() == null) {
				// Not an LLM request: the application's own use of a retry template.
				return;
			}
			List<ErrorKind> failures = (List<ErrorKind>) context.getAttribute(FAILURES);
			if (failures == null) {
				failures = new ArrayList<>(2);
				context.setAttribute(FAILURES, failures);
			}
			failures.add(this.errorClassifier.classify(throwable));
		}
		catch (Throwable ex) {
			logger.recordingFailed("counting a retry", ex);
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T, E extends Throwable> void close(RetryContext context, RetryCallback<T, E> callback,
			Throwable throwable) {
		try {
			List<ErrorKind> failures = (List<ErrorKind>) context.getAttribute(FAILURES);
			if (failures == null) {
				return;
			}
			// Every failure but a final one was followed by a retry.
			int retries = failures.size() - ((throwable != null) ? 1 : 0);
			LlmCall call = LlmCall.current();
			if (call == null) {
				return;
			}
			for (int i = 0; i < retries; i++) {
				this.meters.retried(call.agent(), call.provider(), failures.get(i));
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("counting a retry", ex);
		}
	}

}
