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
	ChatCompletionSimulator chatCompletionSimulator(SimulatorProperties properties, SimulatorLedger ledger,
			ObjectMapper objectMapper) {
		return new ChatCompletionSimulator(properties, ledger, objectMapper, Clock.systemUTC());
	}

}
