package dev.agentmetrics.integration;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Runs {@link OpenAiApplication} on a random port with {@code /actuator/prometheus}
 * exposed and the real OpenAI client of the line pointed at the application's
 * {@link FakeOpenAi}, which must have answered every request with a scripted reply, and
 * used them all, by the end of each test.
 * <p>
 * Spring Boot 3.5's tests turn metrics export off unless told otherwise
 * ({@code spring.test.observability.auto-configure}, the property behind
 * {@code @AutoConfigureObservability}, whose package moved in Boot 4); Boot 4 turns it
 * off only with {@code spring-boot-micrometer-metrics-test}, which this build does not
 * use, and ignores the property.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = OpenAiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.ai.openai.api-key=test-key", "spring.ai.openai.chat.options.model=gpt-4o-mini",
				"management.endpoints.web.exposure.include=prometheus",
				"spring.test.observability.auto-configure=true",
				// The OpenAI models, should another provider's starter be on the classpath (the
				// Boot 4 line's tests have Ollama's).
				"spring.ai.model.chat=openai", "spring.ai.model.embedding=openai" })
@TestExecutionListeners(listeners = AllRepliesUsedTestExecutionListener.class,
		mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@interface OpenAiIntegrationTest {

}
