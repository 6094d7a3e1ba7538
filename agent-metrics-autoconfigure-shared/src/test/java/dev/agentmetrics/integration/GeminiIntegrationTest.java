package dev.agentmetrics.integration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Runs {@link GeminiApplication} on a random port with {@code /actuator/prometheus}
 * exposed and Spring AI's Google GenAI client of the line pointed at the application's
 * {@link FakeGemini}, which must have answered every request with a scripted reply, and
 * used them all, by the end of each test.
 * <p>
 * The prices of the models the tests call are set here rather than taken from the built-in
 * table, so that the tests compute their costs from known numbers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = GeminiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.model.chat=google-genai",
				"spring.ai.google.genai.chat.options.model=" + GeminiIntegrationTest.FLASH,
				// The OpenAI starter is on the test classpath too: its other models need a key.
				"spring.ai.openai.api-key=unused", "management.endpoints.web.exposure.include=prometheus",
				"spring.test.observability.auto-configure=true",
				"agent-metrics.pricing.models.[gemini-2.5-flash].input=0.30",
				"agent-metrics.pricing.models.[gemini-2.5-flash].output=2.50",
				"agent-metrics.pricing.models.[gemini-2.5-flash].cache-read=0.03",
				// Priced far apart from the model it stands for, to tell which price a call got.
				"agent-metrics.pricing.models.[gemini-flash-latest].input=100",
				"agent-metrics.pricing.models.[gemini-flash-latest].output=100",
				"agent-metrics.pricing.models.[gemini-2.5-pro].input=1.25",
				"agent-metrics.pricing.models.[gemini-2.5-pro].output=10",
				"agent-metrics.pricing.models.[gemini-2.5-pro].cache-read=0.125",
				"agent-metrics.pricing.models.[gemini-2.5-pro].long-context.threshold=200000",
				"agent-metrics.pricing.models.[gemini-2.5-pro].long-context.input=2.5",
				"agent-metrics.pricing.models.[gemini-2.5-pro].long-context.output=15",
				"agent-metrics.pricing.models.[gemini-2.5-pro].long-context.cache-read=0.25" })
@TestExecutionListeners(listeners = AllRepliesUsedTestExecutionListener.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@interface GeminiIntegrationTest {

	/** The model the application asks for unless a call names another. */
	String FLASH = "gemini-2.5-flash";

}
