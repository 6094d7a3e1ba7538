package dev.agentmetrics.benchmarks;

import java.util.List;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;

/**
 * {@link CallAdvisorChain} whose next call returns one pre-built response, so that an
 * advisor can be measured without ChatClient, its observation or the model around it.
 *
 * @author agent-metrics
 */
public final class FixedResponseChain implements CallAdvisorChain {

	private final ChatClientResponse response;

	/**
	 * Create a chain answering with the given response.
	 * @param response the response of every call
	 */
	public FixedResponseChain(ChatClientResponse response) {
		this.response = response;
	}

	@Override
	public ChatClientResponse nextCall(ChatClientRequest request) {
		return this.response;
	}

	@Override
	public List<CallAdvisor> getCallAdvisors() {
		return List.of();
	}

	@Override
	public CallAdvisorChain copy(CallAdvisor after) {
		// Nothing comes after any advisor: the chain ends here.
		return this;
	}

}
