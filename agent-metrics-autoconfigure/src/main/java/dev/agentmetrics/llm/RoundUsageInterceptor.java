package dev.agentmetrics.llm;

import dev.agentmetrics.support.FailOpenLogger;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Flux;

import org.springframework.lang.Nullable;

/**
 * Intercepts a Spring AI 1.1 provider API's blocking and streaming request methods to
 * report the usage of every billed request, each round of the chat model's internal tool
 * loop included, to the {@link LlmCall} that caused it: the calling thread's for a
 * blocking request, the Reactor context's for a stream.
 *
 * <p>
 * Spring AI 1.1 merges the usage of tool-loop rounds into one total without the
 * provider's native usage (cached and reasoning tokens); reading each response here keeps
 * them exact. Subclasses say where a provider's responses carry their usage.
 *
 * @author agent-metrics
 */
public abstract class RoundUsageInterceptor implements MethodInterceptor {

	private static final FailOpenLogger logger = new FailOpenLogger(RoundUsageInterceptor.class);

	private final String provider;

	private final String blockingMethod;

	private final String streamingMethod;

	/**
	 * Create an interceptor.
	 * @param provider the provider tag of calls whose options did not tell it
	 * @param blockingMethod the name of the API's method that sends a blocking request
	 * @param streamingMethod the name of the API's method that sends a streaming request
	 */
	protected RoundUsageInterceptor(String provider, String blockingMethod, String streamingMethod) {
		this.provider = provider;
		this.blockingMethod = blockingMethod;
		this.streamingMethod = streamingMethod;
	}

	@Override
	@Nullable
	public Object invoke(MethodInvocation invocation) throws Throwable {
		String method = invocation.getMethod().getName();
		if (method.equals(this.blockingMethod)) {
			LlmCall call = LlmCall.current();
			if (call != null) {
				call.providerIfUnknown(this.provider);
				call.checkBeforeRound();
			}
			Object result = invocation.proceed();
			if (call != null) {
				report(call, result);
			}
			return result;
		}
		if (method.equals(this.streamingMethod)) {
			beforeStream(invocation.getArguments());
			Object result = invocation.proceed();
			if (result instanceof Flux<?> chunks) {
				return capture(chunks);
			}
			return result;
		}
		return invocation.proceed();
	}

	/**
	 * Prepare the arguments of a streaming request before it is sent.
	 * @param arguments the arguments, which may be replaced
	 */
	protected void beforeStream(Object[] arguments) {
	}

	/**
	 * Return the usage of a blocking request's result.
	 * @param result what the API's blocking method returned
	 * @return the usage, or {@code null} when it carries none
	 */
	@Nullable
	protected abstract TokenUsage responseUsage(@Nullable Object result);

	/**
	 * Return the usage a stream's chunk carries; the last chunk with usage is the
	 * request's.
	 * @param chunk the chunk
	 * @return the usage, or {@code null} when it carries none
	 */
	@Nullable
	protected abstract TokenUsage chunkUsage(Object chunk);

	private void report(LlmCall call, @Nullable Object result) {
		try {
			TokenUsage usage = responseUsage(result);
			if (usage != null) {
				call.startObservedRound().usage(usage);
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of a " + this.provider + " response", ex);
		}
	}

	private <T> Flux<T> capture(Flux<T> chunks) {
		return Flux.deferContextual((context) -> {
			LlmCall call = context.getOrDefault(LlmCall.CONTEXT_KEY, null);
			if (call == null) {
				return chunks;
			}
			call.providerIfUnknown(this.provider);
			call.checkBeforeRound();
			LlmRound round = call.startRound().streaming().observedIn(context);
			call.streamRound(context);
			return chunks.doOnNext((chunk) -> {
				round.chunk();
				try {
					TokenUsage usage = chunkUsage(chunk);
					if (usage != null) {
						round.usage(usage);
					}
				}
				catch (Throwable ex) {
					logger.recordingFailed("reading the usage of a " + this.provider + " response", ex);
				}
			});
		});
	}

}
