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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Prometheus server started from its binary on 127.0.0.1, scraping one target every
 * second and evaluating its rules every second, with the parts of its HTTP API the
 * end-to-end test reads. Timestamps are epoch milliseconds, as Prometheus stores them.
 */
final class PrometheusServer implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	private final Process process;

	private final String url;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private PrometheusServer(Process process, String url, Path log) {
		this.process = process;
		this.url = url;
		this.log = log;
	}

	/**
	 * Start Prometheus.
	 * @param binary the {@code prometheus} executable
	 * @param directory a directory for its configuration, data and log
	 * @param port the port to listen on, on 127.0.0.1
	 * @param target the {@code host:port} to scrape at {@code /actuator/prometheus}
	 * @param rules the alert rule files, as YAML (or JSON), by file name
	 * @return the server, starting
	 * @throws IOException if it cannot be started
	 */
	static PrometheusServer start(Path binary, Path directory, int port, String target, Map<String, String> rules)
			throws IOException {
		StringBuilder ruleFiles = new StringBuilder();
		for (Map.Entry<String, String> file : rules.entrySet()) {
			Files.writeString(directory.resolve(file.getKey()), file.getValue());
			ruleFiles.append("\n  - ").append(file.getKey());
		}
		Files.writeString(directory.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:%s
				scrape_configs:
				  - job_name: support-agent
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ["%s"]
				""".formatted(ruleFiles, target));
		Path log = directory.resolve("prometheus.log");
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + directory.resolve("prometheus.yml"),
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		return new PrometheusServer(process, "http://127.0.0.1:" + port, log);
	}

	/**
	 * Wait until Prometheus is ready to answer queries.
	 * @param timeout the longest wait
	 * @throws Exception if it is not ready in time
	 */
	void awaitReady(Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Prometheus exited: " + logTail());
			}
			try {
				if (get("/-/ready").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Prometheus not ready after " + timeout + ": " + logTail());
	}

	/**
	 * Return the time of the latest scrape of the target, that is the timestamp of all the
	 * samples it took.
	 * @return the epoch milliseconds, or -1 before the first scrape
	 * @throws Exception if the query fails
	 */
	long lastScrape() throws Exception {
		JsonNode result = query("up[5s]", null);
		long last = -1;
		for (JsonNode series : result) {
			for (JsonNode point : series.path("values")) {
				last = Math.max(last, millis(point.get(0)));
			}
		}
		return last;
	}

	/**
	 * Wait for a scrape that started after the given time.
	 * @param millis the epoch milliseconds
	 * @param timeout the longest wait
	 * @return the scrape's time
	 * @throws Exception if there is none in time
	 */
	long awaitScrapeAfter(long millis, Duration timeout) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			long last = lastScrape();
			if (last > millis) {
				return last;
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("No scrape after " + Instant.ofEpochMilli(millis) + " within " + timeout);
	}

	/**
	 * Evaluate an instant query.
	 * @param query the PromQL expression, which must give an instant vector
	 * @param time the evaluation time in epoch milliseconds, or {@code null} for now
	 * @return the samples
	 * @throws Exception if the query fails
	 */
	List<Sample> vector(String query, Long time) throws Exception {
		List<Sample> samples = new ArrayList<>();
		for (JsonNode series : query(query, time)) {
			samples.add(new Sample(labels(series.path("metric")), value(series.path("value").get(1))));
		}
		return samples;
	}

	/**
	 * Evaluate a range-vector selector, which gives the raw samples of each series.
	 * @param selector the series selector, with its range, such as {@code up[10s]}
	 * @param time the evaluation time in epoch milliseconds
	 * @return the samples of each series, oldest first
	 * @throws Exception if the query fails
	 */
	List<Series> matrix(String selector, long time) throws Exception {
		List<Series> result = new ArrayList<>();
		for (JsonNode series : query(selector, time)) {
			List<Point> points = new ArrayList<>();
			for (JsonNode point : series.path("values")) {
				points.add(new Point(millis(point.get(0)), value(point.get(1))));
			}
			result.add(new Series(labels(series.path("metric")), points));
		}
		return result;
	}

	/**
	 * Return the alerts now pending or firing.
	 * @return the alerts
	 * @throws Exception if the request fails
	 */
	List<Alert> alerts() throws Exception {
		HttpResponse<String> response = get("/api/v1/alerts");
		JsonNode body = json.readTree(response.body());
		List<Alert> alerts = new ArrayList<>();
		for (JsonNode alert : body.at("/data/alerts")) {
			alerts.add(new Alert(labels(alert.path("labels")), alert.path("state").asText(),
					Instant.parse(alert.path("activeAt").asText()), alert.path("value").asText()));
		}
		return alerts;
	}

	private JsonNode query(String query, Long time) throws Exception {
		String uri = "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
		if (time != null) {
			uri += "&time=" + seconds(time);
		}
		HttpResponse<String> response = get(uri);
		JsonNode body = json.readTree(response.body());
		if (!"success".equals(body.path("status").asText())) {
			throw new IllegalStateException("Query failed: " + query + ": " + response.body());
		}
		return body.at("/data/result");
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(
				HttpRequest.newBuilder(URI.create(this.url + path)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Epoch milliseconds as the seconds Prometheus' API takes. */
	static String seconds(long millis) {
		return String.format("%d.%03d", millis / 1000, millis % 1000);
	}

	private static long millis(JsonNode seconds) {
		return seconds.decimalValue().movePointRight(3).longValue();
	}

	private static double value(JsonNode value) {
		return number(value.asText());
	}

	/** A value as Prometheus' API writes it. */
	static double number(String value) {
		return switch (value) {
			case "NaN" -> Double.NaN;
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(value);
		};
	}

	private static Map<String, String> labels(JsonNode metric) {
		Map<String, String> labels = new TreeMap<>();
		metric.fields().forEachRemaining((field) -> labels.put(field.getKey(), field.getValue().asText()));
		return labels;
	}

	String logTail() {
		try {
			List<String> lines = Files.readAllLines(this.log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex + ")";
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * A sample of an instant vector.
	 *
	 * @param labels the series' labels
	 * @param value the value
	 */
	record Sample(Map<String, String> labels, double value) {
	}

	/**
	 * The raw samples of a series.
	 *
	 * @param labels the series' labels
	 * @param points the samples, oldest first
	 */
	record Series(Map<String, String> labels, List<Point> points) {
	}

	/**
	 * A raw sample.
	 *
	 * @param time the epoch milliseconds
	 * @param value the value
	 */
	record Point(long time, double value) {
	}

	/**
	 * An alert pending or firing.
	 *
	 * @param labels the alert's labels, {@code alertname} included
	 * @param state {@code pending} or {@code firing}
	 * @param activeAt when its expression first gave it
	 * @param value the expression's value at the latest evaluation, as Prometheus writes
	 * it
	 */
	record Alert(Map<String, String> labels, String state, Instant activeAt, String value) {

		String name() {
			return this.labels.get("alertname");
		}

		double number() {
			return PrometheusServer.number(this.value);
		}

	}

}
