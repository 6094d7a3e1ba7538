package dev.agentmetrics.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.agentmetrics.run.AgentRunObservationContext;
import dev.agentmetrics.run.AgentRunObservations;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.tracing.AgentRunMeterObservationHandler;
import dev.agentmetrics.tracing.AgentRunObservationHandler;
import dev.agentmetrics.tracing.AgentRunSpanFilter;
import dev.agentmetrics.tracing.ToolSpanFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class TracingAutoConfigurationTests {

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, RunMetricsAutoConfiguration.class,
				TracingAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(ObservationRegistry.class, this::observationRegistry);

	// A registry without handlers is a no-op one.
	private ObservationRegistry observationRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new Recorder(this.started));
		return registry;
	}

	@Test
	void addsNothingWithoutATracer() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AgentRunObservations.class)
			.doesNotHaveBean(AgentRunSpanFilter.class)
			.doesNotHaveBean(AgentRunObservationHandler.class)
			.hasSingleBean(AgentRuns.class));
	}

	@Test
	void observesRunsAndEnrichesSpansWithATracer() {
		this.contextRunner.withBean(Tracer.class, () -> mock(Tracer.class))
			.run((context) -> assertThat(context).hasSingleBean(AgentRunSpanFilter.class)
				.hasSingleBean(AgentRunObservationHandler.class)
				.hasSingleBean(AgentRunMeterObservationHandler.class)
				.hasSingleBean(ToolSpanFilter.class)
				.getBean(AgentRunObservations.class)
				.satisfies((observations) -> assertThat(observations.isActive()).isTrue()));
	}

	@Test
	void runsAreObservedIntoTheApplicationsRegistry() {
		this.contextRunner.withBean(Tracer.class, () -> mock(Tracer.class)).run((context) -> {
			context.getBean(AgentRuns.class).run("support", () -> "answer");
			assertThat(this.started).singleElement()
				.isInstanceOfSatisfying(AgentRunObservationContext.class,
						(run) -> assertThat(run.getContextualName()).isEqualTo("invoke_agent support"));
		});
	}

	@Test
	void observesNoRunWithBootsNoopTracer() {
		this.contextRunner.withBean(Tracer.class, () -> Tracer.NOOP)
			.run((context) -> assertThat(context.getBean(AgentRunObservations.class).isActive()).isFalse());
	}

	@Test
	void canBeTurnedOff() {
		this.contextRunner.withBean(Tracer.class, () -> mock(Tracer.class))
			.withPropertyValues("agent-metrics.tracing.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AgentRunObservations.class)
				.doesNotHaveBean(AgentRunSpanFilter.class));
	}

	@Test
	void isOffWithTheWholeStarter() {
		this.contextRunner.withBean(Tracer.class, () -> mock(Tracer.class))
			.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AgentRunObservations.class));
	}

	private record Recorder(List<Observation.Context> started) implements ObservationHandler<Observation.Context> {

		@Override
		public void onStart(Observation.Context context) {
			this.started.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
