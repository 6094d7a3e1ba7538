package dev.agentmetrics.llm.openai;

import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.support.FailOpenLogger;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import reactor.core.publisher.Flux;

import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;

/**
 * Intercepts {@link OpenAiApi}'s chat-completion methods to report the usage of every
 * billed request, each round of Spring AI's internal tool loop included, to the
 * {@link LlmCall} that caused it.
 *
 * <p>
 * Spring AI merges the usage of tool-loop rounds into one total that no longer carries
 * OpenAI's cached and reasoning token details; reading each response here keeps them
 * exact.
 *
 * <p>
 * It can also ask OpenAI for the usage of streaming requests
 * ({@code stream_options.include_usage}), without which streams report no usage at all.
 * It does so per streaming request rather than through
 * {@code spring.ai.openai.chat.options.stream-usage}, because with that property Spring
 * AI logs a warning on every blocking call.
 *
 * @author agent-metrics
 */
public class OpenAiRoundUsageInterceptor implements MethodInterceptor {

	private static final FailOpenLogger logger = new FailOpenLogger(OpenAiRoundUsageInterceptor.class);

	private static final String PROVIDER = "openai";

	private final boolean includeStreamUsage;

	/**
	 * Create an interceptor.
	 * @param includeStreamUsage whether to ask for the usage of streaming requests that do
	 * not ask for it
	 */
	public OpenAiRoundUsageInterceptor(boolean includeStreamUsage) {
		this.includeStreamUsage = includeStreamUsage;
	}

	@Override
	@Nullable
	public Object invoke(MethodInvocation invocation) throws Throwable {
		String method = invocation.getMethod().getName();
		if (method.equals("chatCompletionEntity")) {
			LlmCall call = LlmCall.current();
			if (call != null) {
				call.providerIfUnknown(PROVIDER);
			}
			Object result = invocation.proceed();
			if (call != null) {
				report(call, result);
			}
			return result;
		}
		if (method.equals("chatCompletionStream")) {
			if (this.includeStreamUsage) {
				includeUsage(invocation.getArguments());
			}
			Object result = invocation.proceed();
			if (result instanceof Flux<?> chunks) {
				return capture(chunks);
			}
			return result;
		}
		return invocation.proceed();
	}

	private static void includeUsage(Object[] arguments) {
		if (arguments.length > 0 && arguments[0] instanceof OpenAiApi.ChatCompletionRequest request
				&& request.streamOptions() == null) {
			arguments[0] = request.streamOptions(OpenAiApi.ChatCompletionRequest.StreamOptions.INCLUDE_USAGE);
		}
	}

	private void report(LlmCall call, @Nullable Object result) {
		try {
			if (result instanceof ResponseEntity<?> entity && entity.getBody() instanceof OpenAiApi.ChatCompletion body
					&& body.usage() != null) {
				call.startRound().usage(OpenAiUsageReader.read(body.usage()));
			}
		}
		catch (Throwable ex) {
			logger.recordingFailed("reading the usage of an OpenAI response", ex);
		}
	}

	private <T> Flux<T> capture(Flux<T> chunks) {
		return Flux.deferContextual((context) -> {
			LlmCall call = context.getOrDefault(LlmCall.CONTEXT_KEY, null);
			if (call == null) {
				return chunks;
			}
			call.providerIfUnknown(PROVIDER);
			LlmCall.Round round = call.startRound();
			return chunks.doOnNext((chunk) -> {
				try {
					// Some compatible servers repeat usage on several chunks; the last wins.
					if (chunk instanceof OpenAiApi.ChatCompletionChunk completionChunk
							&& completionChunk.usage() != null) {
						round.usage(OpenAiUsageReader.read(completionChunk.usage()));
					}
				}
				catch (Throwable ex) {
					logger.recordingFailed("reading the usage of an OpenAI response", ex);
				}
			});
		});
	}


}
