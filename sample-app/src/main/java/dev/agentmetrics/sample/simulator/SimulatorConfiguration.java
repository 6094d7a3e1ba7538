package dev.agentmetrics.sample.simulator;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Creates the simulated model and its ledger, which {@link SimulatorController} serves,
 * unless {@code sample.simulator.enabled} is
 * {@code false}, as it is in the {@code openai} and {@code ollama} profiles.
 *
 * <p>
 * The simulator reads and writes OpenAI's JSON with a Jackson 2 {@link ObjectMapper} of its
 * own rather than the application's: Spring Boot 3.5 configures Jackson 2, Spring Boot 4
 * Jackson 3, and the wire format, like the token counts computed from it, must not depend
 * on which one the sample is built with.
 *
 * @author agent-metrics
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sample.simulator", name = "enabled", havingValue = "true", matchIfMissing = true)
public class SimulatorConfiguration {

	@Bean
	SimulatorLedger simulatorLedger() {
		return new SimulatorLedger();
	}

	@Bean
	ChatCompletionSimulator chatCompletionSimulator(SimulatorProperties properties, SimulatorLedger ledger) {
		return new ChatCompletionSimulator(properties, ledger, new ObjectMapper(), Clock.systemUTC());
	}

}
