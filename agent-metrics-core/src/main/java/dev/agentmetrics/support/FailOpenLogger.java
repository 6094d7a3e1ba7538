package dev.agentmetrics.support;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Logs a problem of agent-metrics itself once per kind of problem, never once per call, so
 * that a broken price or a failing registry cannot flood the host application's logs.
 *
 * @author agent-metrics
 */
public final class FailOpenLogger {

	/** Bounds the memory of problems already reported. */
	private static final int MAX_REMEMBERED = 256;

	private final Log logger;

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	/**
	 * Create a logger for problems seen by the given type.
	 * @param type the type whose logger to use
	 */
	public FailOpenLogger(Class<?> type) {
		this.logger = LogFactory.getLog(type);
	}

	/**
	 * Log that recording failed and was skipped; the host's call is unaffected. A
	 * {@link VirtualMachineError} is rethrown: the JVM is in trouble, not the recording.
	 * @param where what was being done, such as {@code "recording an LLM call"}
	 * @param error what went wrong
	 */
	public void recordingFailed(String where, Throwable error) {
		if (error instanceof VirtualMachineError fatal) {
			throw fatal;
		}
		String key = where + '|' + error.getClass().getName() + '|' + error.getMessage();
		if (firstTime(key)) {
			this.logger.warn("agent-metrics skipped " + where + " because of " + error
					+ "; the application's call is unaffected. Further occurrences are logged at DEBUG.", error);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug("agent-metrics skipped " + where, error);
		}
	}

	/**
	 * Log a warning the first time for the given key, and at DEBUG after that.
	 * @param key what identifies the problem, such as a model name
	 * @param message the message
	 */
	public void warnOnce(String key, String message) {
		if (firstTime(key)) {
			this.logger.warn(message);
		}
		else if (this.logger.isDebugEnabled()) {
			this.logger.debug(message);
		}
	}

	private boolean firstTime(String key) {
		if (this.reported.contains(key)) {
			return false;
		}
		if (this.reported.size() >= MAX_REMEMBERED) {
			// Unbounded distinct problems (such as model names) must not grow memory.
			return false;
		}
		return this.reported.add(key);
	}

}
