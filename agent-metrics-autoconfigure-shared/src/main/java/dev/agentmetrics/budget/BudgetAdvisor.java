package dev.agentmetrics.budget;

import java.util.function.Consumer;

import dev.agentmetrics.AgentMetrics;
import dev.agentmetrics.llm.LlmCall;
import dev.agentmetrics.run.AgentRunContext;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.lang.Nullable;

/**
 * ChatClient advisor that refuses, before any request is sent to the provider, the calls
 * of an agent whose blocking budget is spent: a blocking call throws and a stream fails
 * with a {@link BudgetExceededException}. It sits inside the metrics advisor, which
 * records the refusal like any failure, of kind {@code budget_exceeded}. Provider
 * integrations check again before each further request of a tool loop.
 *
 * @author agent-metrics
 */
public final class BudgetAdvisor implements CallAdvisor, StreamAdvisor {

	/**
	 * Default order: inside the metrics advisor and the circuit breaker (which does not
	 * count a refusal as a provider's failure), outside everything else.
	 */
	public static final int DEFAULT_ORDER = dev.agentmetrics.llm.LlmMetricsAdvisor.DEFAULT_ORDER + 2;

	private final Budgets budgets;

	private final String defaultAgent;

	private final int order;

	// The check before each further request of a call, given its agent: one for every call.
	private final Consumer<String> roundCheck;

	/**
	 * Create an advisor.
	 * @param budgets the budgets to enforce
	 * @param defaultAgent the agent of calls that name none
	 * @param order the order of this advisor
	 */
	public BudgetAdvisor(Budgets budgets, String defaultAgent, int order) {
		this.budgets = budgets;
		this.defaultAgent = defaultAgent;
		this.order = order;
		this.roundCheck = budgets::check;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
		check(request, LlmCall.current(), AgentRunContext.current());
		return chain.nextCall(request);
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
		return Flux.deferContextual((context) -> {
			check(request, context.getOrDefault(LlmCall.CONTEXT_KEY, null), AgentRunContext.current(context));
			return chain.nextStream(request);
		});
	}

	/**
	 * Refuse the call if its budget is spent, and have each later request of its tool loop
	 * checked the same way: the rounds' cost is added as each is billed.
	 */
	private void check(ChatClientRequest request, @Nullable LlmCall call, @Nullable AgentRunContext run) {
		String agent = agent(request, call, run);
		this.budgets.check(agent);
		if (call != null) {
			call.roundCheck(this.roundCheck);
		}
	}

	/** The agent the metrics advisor recorded the call as, else as it would. */
	private String agent(ChatClientRequest request, @Nullable LlmCall call, @Nullable AgentRunContext run) {
		if (call != null) {
			return call.agent();
		}
		Object agent = request.context().get(AgentMetrics.AGENT);
		if (agent != null && !agent.toString().isBlank()) {
			return agent.toString();
		}
		return (run != null) ? run.agent() : this.defaultAgent;
	}

	@Override
	public String getName() {
		return "AgentMetricsBudgetAdvisor";
	}

	@Override
	public int getOrder() {
		return this.order;
	}

}
