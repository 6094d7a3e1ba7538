package dev.agentmetrics.run;

import io.micrometer.context.ThreadLocalAccessor;

import org.springframework.lang.Nullable;

/**
 * Lets Micrometer's context propagation carry the current {@link AgentRunContext} across
 * threads, so that with Reactor's automatic context propagation
 * ({@code spring.reactor.context-propagation=auto}) even blocking LLM calls made on other
 * threads of a reactive run belong to it. Registered through {@code ServiceLoader}.
 *
 * @author agent-metrics
 */
public class AgentRunThreadLocalAccessor implements ThreadLocalAccessor<AgentRunContext> {

	@Override
	public Object key() {
		return AgentRunContext.CONTEXT_KEY;
	}

	@Override
	@Nullable
	public AgentRunContext getValue() {
		return AgentRunContext.current();
	}

	@Override
	public void setValue(AgentRunContext run) {
		AgentRunContext.set(run);
	}

	@Override
	public void setValue() {
		AgentRunContext.restore(null);
	}

}
