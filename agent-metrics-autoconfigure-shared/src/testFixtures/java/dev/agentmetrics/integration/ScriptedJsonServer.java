package dev.agentmetrics.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake provider API on 127.0.0.1, on a free port: it answers each JSON request to its path
 * with the next scripted reply and records what it received, so that a test can run a real
 * Spring AI client against it. Subclasses speak one provider's wire format.
 *
 * @param <R> the type of scripted reply
 */
abstract class ScriptedJsonServer<R> implements AutoCloseable {

	/** Reads requests and writes answers; Jackson 2, on both lines. */
	protected static final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Queue<R> replies = new ConcurrentLinkedQueue<>();

	private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger unexpected = new AtomicInteger();

	/**
	 * Start serving the given path.
	 * @param path the path of the provider's endpoint
	 */
	protected ScriptedJsonServer(String path) {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext(path, this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	/** Script further replies, taken in order by the next requests. */
	@SafeVarargs
	final void script(R... replies) {
		this.replies.addAll(List.of(replies));
	}

	List<JsonNode> requests() {
		return List.copyOf(this.requests);
	}

	/** Requests that found no scripted reply, and the replies no request took. */
	String leftovers() {
		return this.unexpected.get() + " unexpected requests, " + this.replies.size() + " unused replies";
	}

	void reset() {
		this.replies.clear();
		this.requests.clear();
		this.unexpected.set(0);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * Answer a request with its scripted reply.
	 * @param exchange the exchange
	 * @param request the request body
	 * @param reply the reply
	 * @throws IOException when the client went away
	 * @throws InterruptedException when the server stops during a scripted pause
	 */
	protected abstract void answer(HttpExchange exchange, JsonNode request, R reply)
			throws IOException, InterruptedException;

	/**
	 * Return the error body of a request that found no scripted reply, answered with 500.
	 * @return the body
	 */
	protected abstract JsonNode noReply();

	/**
	 * Send a JSON answer.
	 * @param exchange the exchange
	 * @param status the HTTP status
	 * @param body the body
	 * @throws IOException when the client went away
	 */
	protected static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
		byte[] bytes = json.writeValueAsBytes(body);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			// The JDK client sends chunked bodies without Content-Length; readAllBytes
			// decodes them.
			JsonNode request = json.readTree(exchange.getRequestBody().readAllBytes());
			this.requests.add(request);
			R reply = this.replies.poll();
			if (reply == null) {
				this.unexpected.incrementAndGet();
				send(exchange, 500, noReply());
				return;
			}
			answer(exchange, request, reply);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
