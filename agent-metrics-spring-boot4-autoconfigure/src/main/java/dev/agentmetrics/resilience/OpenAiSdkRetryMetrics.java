package dev.agentmetrics.resilience;

import java.io.IOException;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorClassifier;
import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.error.FailOpenErrorClassifier;
import dev.agentmetrics.llm.LlmCall;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Counts the retries the OpenAI SDK makes inside Spring AI 2.0's OpenAI client in
 * {@code agent.llm.retries}. An OkHttp interceptor, added through Spring AI's
 * {@code OpenAiHttpClientBuilderCustomizer}, sees every attempt: the SDK marks a retry
 * with {@code X-Stainless-Retry-Count}. A blocking call's attempts run one after the other
 * on the calling thread, so the failure that caused a retry is the one the previous
 * attempt on that thread ended with, and the call is the thread's current one. The SDK's
 * asynchronous attempts (streams) run on OkHttp's threads, where neither is known: their
 * retries count under the default agent, caused by {@code unknown}.
 *
 * @author agent-metrics
 */
public class OpenAiSdkRetryMetrics implements Interceptor {

	static final String RETRY_COUNT = "X-Stainless-Retry-Count";

	private static final String PROVIDER = "openai";

	private final LlmRetryMeters meters;

	private final ErrorClassifier errorClassifier;

	private final DefaultErrorClassifier statuses = new DefaultErrorClassifier();

	private final String defaultAgent;

	/** How the last attempt on each thread failed, or {@code null} when it did not. */
	private final ThreadLocal<ErrorKind> lastFailure = new ThreadLocal<>();

	/**
	 * Create an interceptor counting into the given meters.
	 * @param meters the retry counters
	 * @param errorClassifier the classifier of failed attempts that threw
	 * @param defaultAgent the agent of attempts outside a known call
	 */
	public OpenAiSdkRetryMetrics(LlmRetryMeters meters, ErrorClassifier errorClassifier, String defaultAgent) {
		this.meters = meters;
		this.errorClassifier = FailOpenErrorClassifier.of(errorClassifier);
		this.defaultAgent = defaultAgent;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		ErrorKind previous = this.lastFailure.get();
		this.lastFailure.remove();
		if (isRetry(request)) {
			LlmCall call = LlmCall.current();
			this.meters.retried((call != null) ? call.agent() : this.defaultAgent, PROVIDER,
					(call != null && previous != null) ? previous : ErrorKind.UNKNOWN);
		}
		Response response;
		try {
			response = chain.proceed(request);
		}
		catch (IOException | RuntimeException ex) {
			this.lastFailure.set(this.errorClassifier.classify(ex));
			throw ex;
		}
		if (response.code() >= 400) {
			this.lastFailure.set(this.statuses.classifyStatus(response.code(), null));
		}
		return response;
	}

	private static boolean isRetry(Request request) {
		String count = request.header(RETRY_COUNT);
		return count != null && !count.isEmpty() && !"0".equals(count.trim());
	}

}
