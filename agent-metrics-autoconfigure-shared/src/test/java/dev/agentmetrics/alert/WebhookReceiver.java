package dev.agentmetrics.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook on 127.0.0.1 that records what it receives and answers with scripted statuses
 * (200 once the script is used up), optionally holding each request until released.
 */
final class WebhookReceiver implements AutoCloseable {

	private final HttpServer server;

	private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch hold = new CountDownLatch(0);

	WebhookReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	WebhookReceiver answer(Integer... statuses) {
		this.statuses.addAll(List.of(statuses));
		return this;
	}

	/** Hold every request until {@link #release()}. */
	void holdRequests() {
		this.hold = new CountDownLatch(1);
	}

	void release() {
		this.hold.countDown();
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		release();
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		this.received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), body));
		try {
			this.hold.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		Integer status = this.statuses.poll();
		exchange.sendResponseHeaders((status != null) ? status : 200, -1);
		exchange.close();
	}

	record Received(String path, Headers headers, String body) {

	}

}
