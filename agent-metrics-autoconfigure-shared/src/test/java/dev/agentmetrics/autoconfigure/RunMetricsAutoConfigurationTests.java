package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.AgentRun;
import dev.agentmetrics.run.AgentRunAspect;
import dev.agentmetrics.run.AgentRuns;
import dev.agentmetrics.run.RunMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.aspectj.lang.annotation.Aspect;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class RunMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, ErrorsAutoConfiguration.class,
				RunMetricsAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void registersTheRunsApiAndTheAdviceByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunMetrics.class)
			.hasSingleBean(AgentRuns.class)
			.hasSingleBean(AgentRunAspect.class));
	}

	@Test
	void recordsCallsOfAnnotatedMethodsAndOfPublicMethodsOfAnnotatedClasses() {
		this.contextRunner.withBean(SupportAgent.class).withBean(BatchAgent.class).run((context) -> {
			assertThat(context.getBean(SupportAgent.class).answer("hi")).isEqualTo("answer to hi");
			context.getBean(SupportAgent.class).notARun();
			context.getBean(BatchAgent.class).process();
			context.getBean(BatchAgent.class).process();
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.get("agent.runs").tag("agent", "support").tag("outcome", "success").timer().count())
				.isOne();
			assertThat(registry.get("agent.runs").tag("agent", "batch").timer().count()).isEqualTo(2);
			assertThat(registry.find("agent.runs").timers()).hasSize(2);
			Mono<String> later = context.getBean(SupportAgent.class).answerLater();
			assertThat(registry.find("agent.runs").tag("agent", "reactive").timers()).isEmpty();
			assertThat(later.block()).isEqualTo("later");
			assertThat(registry.get("agent.runs").tag("agent", "reactive").timer().count()).isOne();
		});
	}

	@Test
	void namesEachImplementationsAgentBehindInterfaceProxies() {
		this.contextRunner.withPropertyValues("spring.aop.proxy-target-class=false")
			.withBean("alpha", Agent.class, AlphaAgent::new)
			.withBean("beta", Agent.class, BetaAgent::new)
			.run((context) -> {
				Agent alpha = context.getBean("alpha", Agent.class);
				Agent beta = context.getBean("beta", Agent.class);
				assertThat(alpha).isNotInstanceOf(AlphaAgent.class);
				for (int i = 0; i < 3; i++) {
					assertThat(alpha.answer("a")).isEqualTo("alpha a");
					assertThat(beta.answer("b")).isEqualTo("beta b");
				}
				beta.answer("b");
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.get("agent.runs").tag("agent", "alpha").timer().count()).isEqualTo(3);
				assertThat(registry.get("agent.runs").tag("agent", "beta").timer().count()).isEqualTo(4);
				assertThat(registry.find("agent.runs").timers()).hasSize(2);
			});
	}

	@Test
	void backsOffFromTheUsersAspect() {
		this.contextRunner.withBean("myAspect", AgentRunAspect.class, () -> new AgentRunAspect(mock(AgentRuns.class)))
			.run((context) -> assertThat(context).hasSingleBean(AgentRunAspect.class).hasBean("myAspect"));
	}

	@Test
	void keepsTheRunsApiWithoutAspectJ() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(Aspect.class))
			.run((context) -> assertThat(context).hasSingleBean(AgentRuns.class)
				.doesNotHaveBean(AgentRunAspect.class));
	}

	@Test
	void backsOffWhenRunsAreDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.runs.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunMetrics.class)
				.doesNotHaveBean(AgentRunAspect.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(AgentRuns.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, RunMetricsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(AgentRuns.class));
	}

	static class SupportAgent {

		@AgentRun("support")
		public String answer(String question) {
			return "answer to " + question;
		}

		public void notARun() {
		}

		@AgentRun("reactive")
		public Mono<String> answerLater() {
			return Mono.just("later");
		}

	}

	interface Agent {

		String answer(String question);

	}

	static class AlphaAgent implements Agent {

		@Override
		@AgentRun("alpha")
		public String answer(String question) {
			return "alpha " + question;
		}

	}

	@AgentRun("beta")
	static class BetaAgent implements Agent {

		@Override
		public String answer(String question) {
			return "beta " + question;
		}

	}

	@AgentRun("batch")
	static class BatchAgent {

		public void process() {
		}

	}

}
