package dev.agentmetrics.budget;

import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;

/**
 * Boot 3.5's auto-configuration of Redis, for the shared Redis tests.
 */
final class RedisLine {

	static final Class<?> AUTO_CONFIGURATION = RedisAutoConfiguration.class;

	private RedisLine() {
	}

}
