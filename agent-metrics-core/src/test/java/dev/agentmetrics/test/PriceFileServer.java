package dev.agentmetrics.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP server on a free port of 127.0.0.1 serving one price file, whose status and body
 * a test changes as it goes, and counting the requests for it. Close it to stop it.
 *
 * @author agent-metrics
 */
public final class PriceFileServer implements AutoCloseable {

	private static final String PATH = "/prices.json";

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	private volatile Answer answer = new Answer(200, new byte[0]);

	private PriceFileServer(HttpServer server) {
		this.server = server;
	}

	/**
	 * Start a server answering with status 200 and the given body.
	 * @param body the price file
	 * @return the started server
	 */
	public static PriceFileServer serving(String body) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			PriceFileServer prices = new PriceFileServer(server);
			prices.answer(200, body);
			server.createContext(PATH, (exchange) -> {
				prices.requests.incrementAndGet();
				Answer answer = prices.answer;
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(answer.status, (answer.body.length > 0) ? answer.body.length : -1);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(answer.body);
				}
			});
			server.start();
			return prices;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Answer further requests with the given status and body.
	 * @param status the HTTP status
	 * @param body the body
	 */
	public void answer(int status, String body) {
		this.answer = new Answer(status, body.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Return the URL of the price file.
	 * @return the URL
	 */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + PATH;
	}

	/**
	 * Return how many requests the server answered.
	 * @return the number of requests
	 */
	public int requests() {
		return this.requests.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private record Answer(int status, byte[] body) {
	}

}
