package dev.agentmetrics.budget;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package, which {@code .ci/run} installs) on
 * 127.0.0.1 and a free port, that a test can stop and start again on the same port. Like
 * a Redis with persistence, it keeps its data across a stop (a snapshot written on the way
 * out, in a temporary directory). A machine without the binary skips the test, saying so.
 */
final class RedisServer implements AutoCloseable {

	private final String binary;

	private final int port;

	private final Path dir;

	private Process process;

	private RedisServer(String binary, int port, Path dir) {
		this.binary = binary;
		this.port = port;
		this.dir = dir;
	}

	static RedisServer start() {
		String binary = find();
		Assumptions.assumeTrue(binary != null,
				"redis-server not found on the PATH: install the Debian package redis-server (.ci/run does)");
		RedisServer server;
		try {
			server = new RedisServer(binary, freePort(), Files.createTempDirectory("redis-budgets"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		server.startAgain();
		return server;
	}

	int port() {
		return this.port;
	}

	void startAgain() {
		try {
			// A save point that a test never reaches, so that only stopping writes the snapshot.
			this.process = new ProcessBuilder(List.of(this.binary, "--port", Integer.toString(this.port), "--bind",
					"127.0.0.1", "--dir", this.dir.toString(), "--save", "3600", "1000000", "--appendonly", "no",
					"--protected-mode", "no"))
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + this.binary, ex);
		}
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 200);
				return;
			}
			catch (IOException ex) {
				sleep();
			}
		}
		throw new IllegalStateException("redis-server did not listen on port " + this.port);
	}

	void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.list(this.dir)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
			Files.delete(this.dir);
		}
		catch (IOException ex) {
			// A temporary directory left behind.
		}
	}

	private static String find() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getAbsolutePath();
			}
		}
		return null;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void sleep() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
