package dev.agentmetrics.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A support agent on Spring AI whose LLM calls are metered by agent-metrics, talking to a
 * built-in OpenAI-compatible simulator so that it runs without an API key.
 *
 * @author agent-metrics
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	/**
	 * Start the sample.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
