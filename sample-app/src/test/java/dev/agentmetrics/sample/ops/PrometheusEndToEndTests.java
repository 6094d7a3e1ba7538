package dev.agentmetrics.sample.ops;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.agentmetrics.sample.SampleApplication;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations kit against a real Prometheus: the sample app with its simulator and
 * traffic, scraped every second on loopback with the shipped rules (a copy with short
 * {@code for:}); every dashboard query returns data, and an outage raises the error-ratio
 * and breaker-open alerts. Prometheus and the app are stopped whatever happens.
 */
class PrometheusEndToEndTests {

	private static final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void dashboardQueriesReturnDataAndAnOutageRaisesTheAlerts(@TempDir Path directory) throws Exception {
		Path prometheusBinary = LocalProcesses.findOnPath("prometheus");
		Assumptions.assumeTrue(prometheusBinary != null,
				"prometheus not found on the PATH: install the Debian package 'prometheus' (.ci/run does)");
		int appPort = LocalProcesses.freePort();
		int prometheusPort = LocalProcesses.freePort();
		ConfigurableApplicationContext app = null;
		Process prometheus = null;
		try {
			app = new SpringApplicationBuilder(SampleApplication.class).run("--server.port=" + appPort,
					"--server.address=127.0.0.1", "--sample.traffic.interval=50ms",
					"--sample.simulator.server-error-rate=0.3", "--sample.simulator.slow-rate=0",
					"--sample.simulator.stream-chunk-delay=0ms", "--sample.simulator.seed=7",
					"--resilience4j.circuitbreaker.instances.openai.wait-duration-in-open-state=120s");
			prometheus = startPrometheus(prometheusBinary, directory, appPort, prometheusPort);
			String api = "http://127.0.0.1:" + prometheusPort;
			await(Duration.ofSeconds(60), () -> get(api + "/-/ready").statusCode() == 200);

			// Every panel query returns data once the traffic has been scraped a while.
			List<String> queries = OpsKitTests.dashboardQueries();
			Set<String> empty = new TreeSet<>(queries);
			await(Duration.ofSeconds(90), () -> {
				for (String query : new ArrayList<>(empty)) {
					if (!query(api, OpsKitTests.substitute(query)).isEmpty()) {
						empty.remove(query);
					}
				}
				return empty.isEmpty();
			});
			assertThat(empty).as("dashboard queries without data").isEmpty();

			// An outage: the breaker opens and the error ratio climbs.
			HttpResponse<String> outage = this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/simulator/outage?mode=server-errors"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(outage.statusCode()).isEqualTo(200);
			Set<String> raised = new TreeSet<>();
			await(Duration.ofSeconds(90), () -> {
				raised.clear();
				for (JsonNode alert : json.readTree(get(api + "/api/v1/alerts").body()).at("/data/alerts")) {
					raised.add(alert.path("labels").path("alertname").asText());
				}
				return raised.containsAll(
						List.of("AgentCircuitBreakerOpen", "AgentLlmErrorRatioHigh", "AgentLlmErrorRatioCritical"));
			});
			assertThat(raised).contains("AgentCircuitBreakerOpen", "AgentLlmErrorRatioHigh",
					"AgentLlmErrorRatioCritical");
		}
		finally {
			if (prometheus != null) {
				prometheus.destroy();
				if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
					prometheus.destroyForcibly();
				}
			}
			if (app != null) {
				app.close();
			}
		}
	}

	private Process startPrometheus(Path binary, Path directory, int appPort, int prometheusPort) throws IOException {
		Path rules = Path.of("..", "ops", "prometheus", "agent-metrics-alerts.yml");
		// Short "for:" so that alerts go pending within the test.
		Files.writeString(directory.resolve("rules.yml"),
				Files.readString(rules).replaceAll("for: \\d+m", "for: 2s"));
		Files.writeString(directory.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - rules.yml
				scrape_configs:
				  - job_name: support-agent
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ["127.0.0.1:%d"]
				""".formatted(appPort));
		return new ProcessBuilder(binary.toString(), "--config.file=" + directory.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + prometheusPort)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
	}

	private JsonNode query(String api, String query) throws Exception {
		HttpResponse<String> response = get(
				api + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
		JsonNode body = json.readTree(response.body());
		assertThat(body.path("status").asText()).as("%s: %s", query, response.body()).isEqualTo("success");
		return body.at("/data/result");
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void await(Duration timeout, Condition condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.holds()) {
					return;
				}
			}
			catch (IOException ex) {
				// Not up yet.
			}
			Thread.sleep(1000);
		}
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds() throws Exception;

	}

}
