package dev.agentmetrics.sample.simulator;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Settings of the built-in OpenAI-compatible simulator, bound from
 * {@code sample.simulator.*}.
 *
 * @param enabled whether the app serves the simulator at
 * {@code /simulator/v1/chat/completions}
 * @param rateLimitRate share of requests answered with {@code 429 Too Many Requests}
 * @param serverErrorRate share of requests answered with
 * {@code 500 Internal Server Error}
 * @param slowRate share of requests answered only after {@code slowDelay}
 * @param slowDelay how long a slow request waits before answering
 * @param streamChunkDelay pause between two chunks of a streamed answer
 * @param cacheShare share of the prompt tokens reported as cached on a prompt-cache hit
 * @param cacheMissRate share of repeated prompts that miss the cache all the same, as
 * OpenAI's best-effort cache does
 * @param seed seed of the randomness behind failures, slowness and cache misses, or
 * {@code null} for a different run each time
 * @param reasoningModelPrefixes requested models starting with one of these are reasoning
 * models, which bill reasoning tokens
 * @param modelVersions the model named in responses, by requested model; models not listed
 * are echoed back
 * @param outageTimeout how long a request waits for its 504 during a simulated timeouts
 * outage
 * @author agent-metrics
 */
@ConfigurationProperties("sample.simulator")
public record SimulatorProperties(@DefaultValue("true") boolean enabled, @DefaultValue("0.03") double rateLimitRate,
		@DefaultValue("0.02") double serverErrorRate, @DefaultValue("0.05") double slowRate,
		@DefaultValue("2s") Duration slowDelay, @DefaultValue("20ms") Duration streamChunkDelay,
		@DefaultValue("0.5") double cacheShare, @DefaultValue("0.2") double cacheMissRate, @Nullable Long seed,
		@DefaultValue({ "o1", "o3", "o4" }) List<String> reasoningModelPrefixes,
		Map<String, String> modelVersions, @DefaultValue("5s") Duration outageTimeout) {

	/** Response model names used when {@code model-versions} is not set. */
	public static final Map<String, String> DEFAULT_MODEL_VERSIONS = Map.of("gpt-4o-mini",
			"gpt-4o-mini-2024-07-18", "gpt-4o", "gpt-4o-2024-08-06", "o4-mini", "o4-mini-2025-04-16");

	/**
	 * Validate the settings and apply defaults.
	 */
	public SimulatorProperties {
		assertShare("rate-limit-rate", rateLimitRate);
		assertShare("server-error-rate", serverErrorRate);
		assertShare("slow-rate", slowRate);
		assertShare("cache-share", cacheShare);
		assertShare("cache-miss-rate", cacheMissRate);
		Assert.isTrue(rateLimitRate + serverErrorRate <= 1.0,
				"sample.simulator.rate-limit-rate + server-error-rate must not exceed 1");
		Assert.isTrue(!slowDelay.isNegative(), "sample.simulator.slow-delay must not be negative");
		Assert.isTrue(!streamChunkDelay.isNegative(), "sample.simulator.stream-chunk-delay must not be negative");
		modelVersions = (modelVersions == null || modelVersions.isEmpty()) ? DEFAULT_MODEL_VERSIONS
				: Map.copyOf(modelVersions);
		reasoningModelPrefixes = List.copyOf(reasoningModelPrefixes);
	}

	private static void assertShare(String name, double value) {
		Assert.isTrue(value >= 0.0 && value <= 1.0, () -> "sample.simulator." + name + " must be between 0 and 1");
	}

	/**
	 * Return the model a response names for a requested model.
	 * @param requestedModel the model the request asked for
	 * @return the model to name in the response
	 */
	public String responseModel(String requestedModel) {
		return modelVersions().getOrDefault(requestedModel, requestedModel);
	}

	/**
	 * Tell whether a requested model is a reasoning model.
	 * @param requestedModel the model the request asked for
	 * @return whether it bills reasoning tokens
	 */
	public boolean isReasoningModel(String requestedModel) {
		return reasoningModelPrefixes().stream().anyMatch(requestedModel::startsWith);
	}

}
