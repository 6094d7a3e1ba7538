package dev.agentmetrics.autoconfigure;

import dev.agentmetrics.tool.MeteredToolCallbackResolver;
import dev.agentmetrics.tool.MeteredToolCallingManager;
import dev.agentmetrics.tool.ToolMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.tool.resolution.ToolCallbackResolver;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ToolMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ErrorsAutoConfiguration.class, ToolMetricsAutoConfiguration.class,
				ToolCallingAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class);

	@Test
	void decoratesSpringAisToolCallingManagerAndResolver() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(ToolMetrics.class);
			assertThat(context.getBean(ToolCallingManager.class)).isInstanceOf(MeteredToolCallingManager.class);
			assertThat(context.getBean(ToolCallbackResolver.class)).isInstanceOf(MeteredToolCallbackResolver.class);
		});
	}

	@Test
	void leavesToolsAloneWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.tools.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ToolMetrics.class);
			assertThat(context.getBean(ToolCallingManager.class)).isNotInstanceOf(MeteredToolCallingManager.class);
		});
	}

	@Test
	void backsOffWithoutSpringAiTools() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ToolCallingManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ToolMetrics.class));
	}

	@Test
	void failsToStartWhenMaxRepeatsExceedsTheWindow() {
		this.contextRunner
			.withPropertyValues("agent-metrics.loop-detection.window-size=4",
					"agent-metrics.loop-detection.max-repeats=5")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("agent-metrics.loop-detection.max-repeats must be between 2 and "
						+ "agent-metrics.loop-detection.window-size (4), but was 5"));
	}

	@Test
	void failsToStartWithAnUnknownActionNamingTheProperty() {
		this.contextRunner.withPropertyValues("agent-metrics.loop-detection.action=explode")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'agent-metrics.loop-detection.action'"));
	}

}
