package dev.agentmetrics.autoconfigure;

import java.util.List;

import dev.agentmetrics.llm.ToolRoundsBeanPostProcessor;
import dev.agentmetrics.llm.ToolRoundsToolCallingManager;
import org.junit.jupiter.api.Test;

import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.model.tool.ToolCallingManager;
import org.springframework.ai.model.tool.ToolExecutionResult;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where Spring AI 1.1's chat models run their tool loops: every {@code ToolCallingManager}
 * bean is decorated to tell each round to its call before the tools run.
 */
class ToolRoundsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = LlmContextRunners.openAi()
		.withConfiguration(AutoConfigurations.of(ToolRoundsAutoConfiguration.class))
		.withBean(ToolCallingManager.class, NoTools::new);

	@Test
	void decoratesTheToolCallingManager() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ToolRoundsBeanPostProcessor.class)
			.getBean(ToolCallingManager.class)
			.isInstanceOf(ToolRoundsToolCallingManager.class));
	}

	@Test
	void decoratesTheToolCallingManagerWhenPerRoundUsageIsOff() {
		// The rounds' merged usage still reaches the spend budgets.
		this.contextRunner.withPropertyValues("agent-metrics.llm.per-round-usage=false")
			.run((context) -> assertThat(context.getBean(ToolCallingManager.class))
				.isInstanceOf(ToolRoundsToolCallingManager.class));
	}

	@Test
	void backsOffWithoutSpringAiToolCalling() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ToolCallingManager.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ToolRoundsBeanPostProcessor.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.contextRunner.withPropertyValues("agent-metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ToolRoundsBeanPostProcessor.class)
				.getBean(ToolCallingManager.class)
				.isInstanceOf(NoTools.class));
	}

	/** A tool-calling manager of no tools. */
	static class NoTools implements ToolCallingManager {

		@Override
		public List<ToolDefinition> resolveToolDefinitions(ToolCallingChatOptions chatOptions) {
			return List.of();
		}

		@Override
		public ToolExecutionResult executeToolCalls(Prompt prompt, ChatResponse chatResponse) {
			throw new UnsupportedOperationException();
		}

	}

}
