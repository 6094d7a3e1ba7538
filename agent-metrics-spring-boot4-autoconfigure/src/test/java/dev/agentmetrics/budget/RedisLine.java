package dev.agentmetrics.budget;

import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;

/**
 * Boot 4's auto-configuration of Redis, for the shared Redis tests.
 */
final class RedisLine {

	static final Class<?> AUTO_CONFIGURATION = DataRedisAutoConfiguration.class;

	private RedisLine() {
	}

}
