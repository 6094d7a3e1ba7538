package dev.agentmetrics.pricing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.agentmetrics.test.PriceFileServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PriceFile}.
 *
 * @author agent-metrics
 */
class PriceFileTests {

	private static final String PRICES = LiteLlmPricesTests.resource("litellm-prices.json");

	@TempDir
	Path directory;

	@Test
	void loadsAFilesystemPath() throws Exception {
		Path file = write("prices.json", PRICES);
		assertThat(new PriceFile(file.toString(), null).load().prices().get("gpt-5"))
			.isEqualTo(LiteLlmPricesTests.GPT_5);
	}

	@Test
	void loadsAFileUrl() throws Exception {
		Path file = write("my prices.json", PRICES);
		assertThat(new PriceFile(file.toUri().toString(), null).load().prices().get("gpt-5.6"))
			.isEqualTo(LiteLlmPricesTests.GPT_5_6);
		assertThat(new PriceFile("file:" + file, null).load().prices().get("gpt-5.6"))
			.isEqualTo(LiteLlmPricesTests.GPT_5_6);
	}

	@Test
	void loadsAClasspathResource() throws Exception {
		PriceFile file = new PriceFile("classpath:/dev/agentmetrics/pricing/litellm-prices.json", null);
		assertThat(file.load().prices().get("claude-sonnet-4-5")).isEqualTo(LiteLlmPricesTests.CLAUDE_SONNET_4_5);
	}

	@Test
	void downloadsAnHttpUrl() throws Exception {
		try (PriceFileServer server = PriceFileServer.serving(PRICES)) {
			LiteLlmPrices prices = new PriceFile(server.url(), null).load();
			assertThat(prices.prices().get("gemini-2.5-pro")).isEqualTo(LiteLlmPricesTests.GEMINI_2_5_PRO);
			assertThat(server.requests()).isEqualTo(1);
		}
	}

	@Test
	void failsWithTheHttpStatusOfAFailedDownload() {
		try (PriceFileServer server = PriceFileServer.serving(PRICES)) {
			server.answer(404, "Not Found");
			PriceFile file = new PriceFile(server.url(), null);
			assertThatExceptionOfType(PriceFileException.class).isThrownBy(file::load)
				.withMessage("HTTP 404");
		}
	}

	@Test
	void failsWhenNoServerAnswers() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		PriceFile file = new PriceFile("http://127.0.0.1:" + port + "/prices.json", null, Duration.ofSeconds(5));
		assertThatExceptionOfType(PriceFileException.class).isThrownBy(file::load)
			.withMessageStartingWith("cannot download: ")
			.withMessageContaining("ConnectException");
	}

	@Test
	void failsWithTheAbsolutePathOfAMissingFile() {
		Path missing = this.directory.resolve("missing.json");
		assertThatExceptionOfType(PriceFileException.class)
			.isThrownBy(() -> new PriceFile(missing.toString(), null).load())
			.withMessage("file not found: " + missing.toAbsolutePath());
	}

	@Test
	void failsForADirectory() {
		assertThatExceptionOfType(PriceFileException.class)
			.isThrownBy(() -> new PriceFile(this.directory.toString(), null).load())
			.withMessage("a directory, not a file: " + this.directory.toAbsolutePath());
	}

	@Test
	void failsForAMissingClasspathResource() {
		assertThatExceptionOfType(PriceFileException.class)
			.isThrownBy(() -> new PriceFile("classpath:missing.json", null).load())
			.withMessage("classpath resource not found: missing.json");
	}

	@Test
	void failsWithThePositionOfMalformedJson() {
		assertThatExceptionOfType(PriceFileException.class)
			.isThrownBy(() -> new PriceFile("classpath:dev/agentmetrics/pricing/litellm-malformed.json", null).load())
			.withMessage("malformed JSON: expected a member name in double quotes, found '}' at line 5, column 5 "
					+ "(character 103)");
	}

	@Test
	void failsForAFileThatPricesNoChatModel() throws IOException {
		Path file = write("embeddings.json", """
				{"text-embedding-3-small": {"input_cost_per_token": 2e-08, "mode": "embedding"},
				 "acme": {"input_cost_per_token": 1e-06}}
				""");
		assertThatExceptionOfType(PriceFileException.class).isThrownBy(() -> new PriceFile(file.toString(), null).load())
			.withMessage("no chat model has both an input and an output price (1 chat entry skipped)");
	}

	@Test
	void failsForTextThatIsNotUtf8() throws IOException {
		Path file = this.directory.resolve("latin1.json");
		Files.write(file, "{\"caf\u00e9\": {}}".getBytes(StandardCharsets.ISO_8859_1));
		assertThatExceptionOfType(PriceFileException.class).isThrownBy(() -> new PriceFile(file.toString(), null).load())
			.withMessage("not UTF-8 text");
	}

	@Test
	void readsPastAByteOrderMark() throws Exception {
		Path file = write("bom.json", "\uFEFF" + PRICES);
		assertThat(new PriceFile(file.toString(), null).load().prices()).hasSize(6);
	}

	@Test
	void rejectsLocationsItCannotRead() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PriceFile("ftp://example.com/prices.json", null))
			.withMessage("a filesystem path or a file:, classpath:, http:// or https:// URL");
		assertThatIllegalArgumentException().isThrownBy(() -> new PriceFile("https:///prices.json", null))
			.withMessage("an http:// or https:// URL with a host");
	}

	@Test
	void describesAUrlWithoutItsCredentialsOrQuery() {
		PriceFile file = new PriceFile("https://user:secret@prices.example.com/p.json?token=abc#x", null);
		assertThat(file).hasToString("https://prices.example.com/p.json");
		assertThat(file.getLocation()).isEqualTo("https://user:secret@prices.example.com/p.json?token=abc#x");
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content);
	}

}
