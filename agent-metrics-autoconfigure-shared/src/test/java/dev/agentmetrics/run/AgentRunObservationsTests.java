package dev.agentmetrics.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.error.DefaultErrorClassifier;
import dev.agentmetrics.error.ErrorMetrics;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AgentRunObservationsTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final List<Observation> currentInside = new CopyOnWriteArrayList<>();

	private AgentRuns runs;

	@BeforeEach
	void observeRuns() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				AgentRunObservationsTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		RunMetrics metrics = new RunMetrics(this.meters, new DefaultErrorClassifier(), new ErrorMetrics(this.meters));
		this.runs = new AgentRuns(metrics, new AgentRunObservations(this.observations, null));
	}

	@Test
	void blockingRunIsCurrentWhileItRunsAndStopsWithItsProviderAndCost() {
		this.runs.run("support", () -> {
			this.currentInside.add(this.observations.getCurrentObservation());
			AgentRunContext.current().llmCall("openai", 0.25, 100, 10);
			AgentRunContext.current().llmCall("openai", 0.5, 100, 10);
		});
		AgentRunObservationContext run = (AgentRunObservationContext) single();
		assertThat(this.currentInside).singleElement()
			.satisfies((current) -> assertThat(current.getContext()).isSameAs(run));
		assertThat(this.observations.getCurrentObservation()).isNull();
		assertThat(run.getName()).isEqualTo("agent.run");
		assertThat(run.getContextualName()).isEqualTo("invoke_agent support");
		assertThat(run.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("gen_ai.operation.name", "invoke_agent"), KeyValue.of("gen_ai.agent.name", "support"),
				KeyValue.of("gen_ai.provider.name", "openai"));
		assertThat(run.getCost()).isEqualTo(0.75);
	}

	@Test
	void runOfSeveralProvidersNamesNone() {
		this.runs.run("support", () -> {
			AgentRunContext.current().llmCall("openai", 0.25, 100, 10);
			AgentRunContext.current().llmCall("anthropic", 0.5, 100, 10);
		});
		assertThat(single().getLowCardinalityKeyValue("gen_ai.provider.name")).isNull();
	}

	@Test
	void failedRunHasItsErrorKind() {
		assertThatIllegalStateException().isThrownBy(() -> this.runs.run("support", () -> {
			throw new IllegalStateException("boom");
		}));
		Observation.Context run = single();
		assertThat(run.getError()).isInstanceOf(IllegalStateException.class);
		assertThat(run.getLowCardinalityKeyValue("error.type").getValue()).isEqualTo("unknown");
	}

	@Test
	void reactiveRunIsTheParentOfObservationsInItsReactorContext() {
		Mono<Object> answer = this.runs.invoke("support", Mono.class,
				() -> Mono.deferContextual((context) -> Mono.just(context.getOrDefault("micrometer.observation", "none"))));
		Object parent = answer.block();
		assertThat(parent).isInstanceOfSatisfying(Observation.class,
				(observation) -> assertThat(observation.getContext()).isSameAs(single()));
	}

	@Test
	void recordsRunsAsWithoutObservations() {
		this.runs.run("support", () -> "answer");
		assertThat(this.meters.get("agent.runs").tag("agent", "support").timer().count()).isOne();
		assertThat(this.meters.find("agent.run").meters()).isEmpty();
	}

	private Observation.Context single() {
		assertThat(this.stopped).hasSize(1);
		return this.stopped.get(0);
	}

}
