package dev.agentmetrics.budget;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A template on a real Redis whose script runs fail when a test says, as when the
 * connection drops between two commands: a failure that stopping the server cannot place
 * as exactly.
 */
final class FailingScriptsTemplate extends StringRedisTemplate {

	private final AtomicInteger runs = new AtomicInteger();

	private volatile int failingRun;

	FailingScriptsTemplate(RedisConnectionFactory connectionFactory) {
		super(connectionFactory);
	}

	/**
	 * Make a script run fail.
	 * @param run which run from now fails: 1 for the next
	 */
	void failRun(int run) {
		this.failingRun = this.runs.get() + run;
	}

	@Override
	public <T> T execute(RedisScript<T> script, List<String> keys, Object... args) {
		if (this.runs.incrementAndGet() == this.failingRun) {
			throw new RedisConnectionFailureException("Connection to the test's Redis dropped");
		}
		return super.execute(script, keys, args);
	}

}
