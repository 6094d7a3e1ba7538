package dev.agentmetrics.autoconfigure;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientCustomizer;
import org.springframework.ai.chat.client.advisor.api.Advisor;

/**
 * Adds one of agent-metrics' advisors to every ChatClient built from Spring AI's
 * {@code ChatClient.Builder}; each advisor has its own subclass, so that an application
 * can replace one customizer bean and keep the others.
 *
 * @author agent-metrics
 */
public abstract class AdvisorChatClientCustomizer implements ChatClientCustomizer {

	private final Advisor advisor;

	/**
	 * Create a customizer adding the given advisor.
	 * @param advisor the advisor
	 */
	protected AdvisorChatClientCustomizer(Advisor advisor) {
		this.advisor = advisor;
	}

	@Override
	public void customize(ChatClient.Builder builder) {
		builder.defaultAdvisors(this.advisor);
	}

}
