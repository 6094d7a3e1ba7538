package dev.agentmetrics.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of what agent-metrics adds to traces, when the application has a tracer.
 *
 * @author agent-metrics
 */
@ConfigurationProperties("agent-metrics.tracing")
public class TracingProperties {

	/**
	 * Whether to trace agent runs and add tokens, cost and tool-call ids to Spring AI's
	 * spans when a Micrometer tracer is present.
	 */
	private boolean enabled = true;

	/**
	 * Whether to add prompts, answers, tool-call arguments and tool results to spans. They
	 * may hold personal data.
	 */
	private boolean captureContent;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isCaptureContent() {
		return this.captureContent;
	}

	public void setCaptureContent(boolean captureContent) {
		this.captureContent = captureContent;
	}

}
