package dev.agentmetrics.sample.traffic;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * Settings of the background traffic generator, bound from {@code sample.traffic.*}.
 *
 * @param enabled whether to call the agent in the background once the app is ready
 * @param interval pause between the end of one call and the start of the next
 * @param timeout longest wait for one call before giving up on it
 * @param reasoningModel model of the scenarios that exercise a reasoning model, or empty
 * to use the configured model for them too
 * @param toolLoops whether to ask, now and then, the question that makes the model call
 * the same tool again and again (a tool loop agent-metrics detects)
 * @author agent-metrics
 */
@ConfigurationProperties("sample.traffic")
public record TrafficProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2s") Duration interval,
		@DefaultValue("60s") Duration timeout, @DefaultValue("o4-mini") @Nullable String reasoningModel,
		@DefaultValue("true") boolean toolLoops) {

	/**
	 * Validate the settings.
	 */
	public TrafficProperties {
		Assert.isTrue(interval.toMillis() > 0, "sample.traffic.interval must be positive");
		Assert.isTrue(timeout.toMillis() > 0, "sample.traffic.timeout must be positive");
	}

}
