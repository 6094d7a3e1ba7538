package dev.agentmetrics.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link BudgetStore} in Redis, shared by every instance of the application: one key per
 * budget and slot, increased atomically ({@code INCRBYFLOAT}) and expiring once its window
 * has passed, so that ten instances enforce one budget.
 *
 * <p>
 * When Redis cannot be reached, spend is kept in the instance meanwhile and calls are not
 * failed for it, with one WARN (and one INFO once Redis answers again); Redis is tried
 * again after a pause rather than on every call, so that an outage does not slow every
 * LLM call by a connection timeout. With {@code failClosed}, a budget that cannot be read
 * refuses its blocking calls instead.
 *
 * @author agent-metrics
 */
public class RedisBudgetStore implements BudgetStore {

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	private static final RedisScript<String> ADD = new DefaultRedisScript<>(
			"local total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1]) "
					+ "redis.call('PEXPIRE', KEYS[1], ARGV[2]) return total",
			String.class);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final boolean failClosed;

	private final Duration retryAfter;

	private final Clock clock;

	private final LocalBudgetStore meanwhile = new LocalBudgetStore();

	// When Redis failed last; Redis is not tried again before retryAfter has passed.
	private volatile Instant failedAt;

	/**
	 * Create a store.
	 * @param redis the template of the application's Redis
	 * @param keyPrefix the prefix of the store's keys
	 * @param failClosed whether a budget that cannot be read refuses its blocking calls
	 * @param retryAfter how long to keep spend in the instance after Redis failed
	 * @param clock the clock of the pause
	 */
	public RedisBudgetStore(StringRedisTemplate redis, String keyPrefix, boolean failClosed, Duration retryAfter,
			Clock clock) {
		this.redis = redis;
		this.keyPrefix = keyPrefix;
		this.failClosed = failClosed;
		this.retryAfter = retryAfter;
		this.clock = clock;
	}

	@Override
	public void add(String budget, long slot, double usd, Duration retention) {
		if (pausing()) {
			this.meanwhile.add(budget, slot, usd, retention);
			return;
		}
		try {
			this.redis.execute(ADD, List.of(key(budget, slot)), Double.toString(usd),
					Long.toString(retention.toMillis()));
			recovered();
		}
		catch (RuntimeException ex) {
			failed(ex);
			this.meanwhile.add(budget, slot, usd, retention);
		}
	}

	@Override
	public double sum(String budget, long fromSlot, long toSlot) {
		if (!pausing()) {
			try {
				List<String> keys = new ArrayList<>();
				for (long slot = fromSlot; slot <= toSlot; slot++) {
					keys.add(key(budget, slot));
				}
				double sum = 0;
				List<String> values = this.redis.opsForValue().multiGet(keys);
				if (values != null) {
					for (String value : values) {
						sum += (value != null) ? Double.parseDouble(value) : 0;
					}
				}
				recovered();
				return sum;
			}
			catch (RuntimeException ex) {
				failed(ex);
			}
		}
		if (this.failClosed) {
			throw new BudgetStoreUnavailableException("Redis, the store of budget '" + budget + "', cannot be reached");
		}
		return this.meanwhile.sum(budget, fromSlot, toSlot);
	}

	private String key(String budget, long slot) {
		return this.keyPrefix + budget + ":" + slot;
	}

	private boolean pausing() {
		Instant failed = this.failedAt;
		return failed != null && this.clock.instant().isBefore(failed.plus(this.retryAfter));
	}

	private void failed(RuntimeException ex) {
		if (this.failedAt == null) {
			// Once per outage, not per call; never the connection's details beyond the error.
			logger.warn("agent-metrics cannot reach Redis, the store of its budgets; each instance "
					+ "keeps its own spend until Redis answers again" + (this.failClosed
							? ", and blocking budgets refuse their calls (fail-closed)" : "")
					+ ": " + ex.getMessage());
		}
		this.failedAt = this.clock.instant();
	}

	private void recovered() {
		if (this.failedAt != null) {
			this.failedAt = null;
			logger.info("agent-metrics reaches Redis, the store of its budgets, again");
		}
	}

}
