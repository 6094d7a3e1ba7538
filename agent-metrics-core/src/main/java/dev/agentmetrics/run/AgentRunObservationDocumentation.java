package dev.agentmetrics.run;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of agent runs, whose spans follow OpenTelemetry's GenAI conventions
 * for agents ({@code invoke_agent}).
 *
 * @author agent-metrics
 */
public enum AgentRunObservationDocumentation implements ObservationDocumentation {

	/**
	 * One agent run: the parent of its LLM calls and tool calls.
	 */
	AGENT_RUN {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAgentRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low-cardinality keys of an agent run.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, always {@code invoke_agent}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The agent. */
		AGENT_NAME {
			@Override
			public String asString() {
				return "gen_ai.agent.name";
			}
		},

		/** The provider, when one served every LLM call of the run. */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/** The kind of error a failed run ended with, as in {@code agent.errors}. */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		}

	}

}
