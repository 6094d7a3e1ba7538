package dev.agentmetrics.sample.ops;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.lang.Nullable;

/**
 * Finding the binaries the ops tests start, and free loopback ports for them.
 */
final class LocalProcesses {

	private LocalProcesses() {
	}

	/**
	 * Return the executable of the given name on the {@code PATH}.
	 * @param executable the name, such as {@code promtool}
	 * @return its path, or {@code null} when it is not installed
	 */
	@Nullable
	static Path findOnPath(String executable) {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, executable);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Return a port free on 127.0.0.1 now.
	 * @return the port
	 * @throws IOException if no port can be had
	 */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
