package dev.agentmetrics.sample.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.agentmetrics.sample.SampleApplication;
import dev.agentmetrics.sample.simulator.SimulatorLedger;
import dev.agentmetrics.sample.support.SupportAgent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short-lived agent (a batch job) has nothing to scrape: with Spring Boot's Pushgateway
 * support it pushes its final metrics when it shuts down, so its tokens and cost are not
 * lost. Tested against Debian's {@code prometheus-pushgateway} on loopback.
 */
class PushgatewayTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void aShortLivedAgentPushesItsFinalMetricsWhenItShutsDown() throws Exception {
		Path binary = LocalProcesses.findOnPath("prometheus-pushgateway");
		Assumptions.assumeTrue(binary != null, "prometheus-pushgateway not found on the PATH: install the Debian "
				+ "package 'prometheus-pushgateway' (.ci/run does)");
		int gatewayPort = LocalProcesses.freePort();
		Process gateway = new ProcessBuilder(binary.toString(), "--web.listen-address=127.0.0.1:" + gatewayPort)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			String gatewayUrl = "http://127.0.0.1:" + gatewayPort;
			awaitReady(gatewayUrl + "/-/ready");
			int appPort = LocalProcesses.freePort();
			ConfigurableApplicationContext batch = new SpringApplicationBuilder(SampleApplication.class).run(
					"--server.port=" + appPort, "--server.address=127.0.0.1", "--sample.traffic.enabled=false",
					"--sample.simulator.rate-limit-rate=0", "--sample.simulator.server-error-rate=0",
					"--sample.simulator.slow-rate=0",
					"--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:" + gatewayPort,
					"--management.prometheus.metrics.export.pushgateway.job=nightly-support-batch",
					"--management.prometheus.metrics.export.pushgateway.shutdown-operation=put",
					"--management.prometheus.metrics.export.pushgateway.push-rate=1h");
			SimulatorLedger.Totals billed;
			try {
				batch.getBean(SupportAgent.class).ask("Where is order 1042?", null);
				billed = batch.getBean(SimulatorLedger.class).totals();
			}
			finally {
				batch.close();
			}
			String pushed = this.http
				.send(HttpRequest.newBuilder(URI.create(gatewayUrl + "/metrics")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(sample(pushed, "agent_llm_tokens_total", "type=\"input\"")).isEqualTo(billed.promptTokens());
			assertThat(sample(pushed, "agent_llm_tokens_total", "type=\"output\""))
				.isEqualTo(billed.completionTokens());
			assertThat(sample(pushed, "agent_runs_seconds_count", "outcome=\"success\"")).isEqualTo(1);
			assertThat(pushed).contains("job=\"nightly-support-batch\"");
		}
		finally {
			gateway.destroy();
			if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
				gateway.destroyForcibly();
			}
		}
	}

	/** The value of the one pushed sample of the given name with the given label. */
	private static double sample(String text, String name, String label) {
		Matcher matcher = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)$").matcher(text);
		double value = 0;
		int found = 0;
		while (matcher.find()) {
			if (matcher.group(1).contains(label) && matcher.group(1).contains("agent=\"support\"")) {
				value += Double.parseDouble(matcher.group(2));
				found++;
			}
		}
		assertThat(found).as("pushed samples of %s{%s}", name, label).isPositive();
		return value;
	}

	private void awaitReady(String uri) throws Exception {
		for (int i = 0; i < 60; i++) {
			try {
				if (this.http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.discarding())
					.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not up yet.
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("The Pushgateway did not start: " + uri);
	}

}
