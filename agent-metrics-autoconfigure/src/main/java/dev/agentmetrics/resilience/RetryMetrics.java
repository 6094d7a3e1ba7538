package dev.agentmetrics.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.agentmetrics.AgentMeters;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.support.FailOpenLogger;
import dev.agentmetrics.support.TagValueLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.retry.RetryCallback;
import org.springframework.retry.RetryContext;
import org.springframework.retry.RetryListener;

/**
 * Counts the retries of Spring AI's {@code RetryTemplate} in {@code agent.llm.retries}, by
 * agent, provider and the kind of failure that caused each: every retry is billed by the
 * provider but invisible to the caller. A listener on the template, not a retry of its own;
 * it counts the retries made inside ChatClient calls only, since an application may use
 * retry templates for other work.
 *
 * @author agent-metrics
 */
public class RetryMetrics implements RetryListener {

	private static final FailOpenLogger logger = new FailOpenLogger(RetryMetrics.class);

	private static final String FAILURES = RetryMetrics.class.getName() + ".failures";

	private final MeterRegistry registry;

	private final ErrorClassifier errorClassifier;

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private final TagValueLimiter.Limit agents;

	private final TagValueLimiter.Limit providers;

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
		this.registry = registry;
		this.errorClassifier = errorClassifier;
		this.agents = tagValueLimiter.limit(AgentMeters.LLM_RETRIES, AgentMeters.AGENT);
		this.providers = tagValueLimiter.limit(AgentMeters.LLM_RETRIES, AgentMeters.PROVIDER);
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
			ErrorKind kind = this.errorClassifier.classify(throwable);
			failures.add((kind != null) ? kind : ErrorKind.UNKNOWN);
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
			String agent = this.agents.apply(call.agent());
			String provider = this.providers.apply(call.provider());
			for (int i = 0; i < retries; i++) {
				counter(new Key(agent, provider, failures.get(i))).increment();
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("counting a retry", ex);
		}
	}

	private Counter counter(Key key) {
		Counter counter = this.counters.get(key);
		return (counter != null) ? counter : this.counters.computeIfAbsent(key,
				(k) -> Counter.builder(AgentMeters.LLM_RETRIES)
					.description("Retries of LLM requests, each billed by the provider, by the failure that caused it")
					.tag(AgentMeters.AGENT, k.agent())
					.tag(AgentMeters.PROVIDER, k.provider())
					.tag(AgentMeters.ERROR, k.kind().tagValue())
					.register(this.registry));
	}

	private record Key(String agent, String provider, ErrorKind kind) {
	}

}
