package dev.agentmetrics.run;

import dev.agentmetrics.error.ErrorKind;
import dev.agentmetrics.run.AgentRunObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link AgentRunObservationConvention}: spans named
 * {@code invoke_agent <agent>} with OpenTelemetry's GenAI agent attributes.
 *
 * @author agent-metrics
 */
public class DefaultAgentRunObservationConvention implements AgentRunObservationConvention {

	/** The name of agent-run observations. */
	public static final String NAME = "agent.run";

	/** The GenAI operation of an agent run. */
	public static final String INVOKE_AGENT = "invoke_agent";

	private static final KeyValue OPERATION = KeyValue.of(LowCardinalityKeyNames.OPERATION_NAME, INVOKE_AGENT);

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(AgentRunObservationContext context) {
		return INVOKE_AGENT + " " + context.getAgent();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(AgentRunObservationContext context) {
		KeyValues keyValues = KeyValues.of(OPERATION,
				KeyValue.of(LowCardinalityKeyNames.AGENT_NAME, context.getAgent()));
		String provider = context.getProvider();
		if (provider != null) {
			keyValues = keyValues.and(KeyValue.of(LowCardinalityKeyNames.PROVIDER_NAME, provider));
		}
		ErrorKind error = context.getErrorKind();
		if (error != null) {
			keyValues = keyValues.and(KeyValue.of(LowCardinalityKeyNames.ERROR_TYPE, error.tagValue()));
		}
		return keyValues;
	}

}
