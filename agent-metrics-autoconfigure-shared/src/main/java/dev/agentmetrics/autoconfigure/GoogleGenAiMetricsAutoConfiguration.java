package dev.agentmetrics.autoconfigure;

import com.google.genai.errors.ApiException;
import dev.agentmetrics.llm.LlmMetrics;
import dev.agentmetrics.llm.google.GoogleGenAiErrorReader;
import dev.agentmetrics.llm.google.GoogleGenAiUsageReader;

import org.springframework.ai.google.genai.metadata.GoogleGenAiUsage;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of what agent-metrics reads from Spring AI's Google GenAI client, on
 * both Spring AI lines: Gemini's usage metadata ({@link GoogleGenAiUsage}: cached, thought
 * and tool-use prompt tokens) and the status of the Google GenAI SDK's exceptions.
 *
 * @author agent-metrics
 */
@AutoConfiguration(after = LlmMetricsAutoConfiguration.class)
@ConditionalOnClass({ GoogleGenAiUsage.class, ApiException.class, LlmMetrics.class })
@ConditionalOnBean(LlmMetrics.class)
@ConditionalOnAgentMetricsEnabled
public class GoogleGenAiMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	public GoogleGenAiUsageReader agentMetricsGoogleGenAiUsageReader() {
		return new GoogleGenAiUsageReader();
	}

	@Bean
	@ConditionalOnMissingBean
	public GoogleGenAiErrorReader agentMetricsGoogleGenAiErrorReader() {
		return new GoogleGenAiErrorReader();
	}

}
