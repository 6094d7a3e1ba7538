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
 * has passed, so that ten instances enforce one budget, and one key per budget and event
 * that instances {@link #claim claim}, so that they publish each event once between them.
 *
 * <p>
 * When Redis cannot be reached, calls are not failed for it, with one WARN (and one INFO
 * once Redis answers again): a budget's spend is then the fleet's spend last read from
 * Redis for the slots still in its window plus what this instance spent since, and what
 * this instance spent is added to Redis once it answers again, to the slots whose
 * retention has not passed. Redis is tried again after a pause rather than on every call,
 * so that an outage does not slow every LLM call by a connection timeout. With
 * {@code failClosed}, a budget that cannot be read refuses its blocking calls instead.
 *
 * @author agent-metrics
 */
public class RedisBudgetStore implements BudgetStore {

	private static final Log logger = LogFactory.getLog(RedisBudgetStore.class);

	// The expiry only ever grows: spend added after an outage must not shorten the life of
	// a slot that other instances have added to since.
	private static final RedisScript<String> ADD = new DefaultRedisScript<>(
			"local total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1]) "
					+ "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then "
					+ "redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return total",
			String.class);

	// The key holds the slot of the last claim won; a claim made in slot ARGV[1] or later
	// is of the same event, and the new one loses.
	private static final RedisScript<Long> CLAIM = new DefaultRedisScript<>(
			"local claimed = redis.call('GET', KEYS[1]) "
					+ "if claimed and tonumber(claimed) >= tonumber(ARGV[1]) then return 0 end "
					+ "redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1",
			Long.class);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	private final boolean failClosed;

	private final Duration retryAfter;

	private final Clock clock;

	private final OutageLedger ledger = new OutageLedger();

	// When Redis failed last; Redis is not tried again before retryAfter has passed.
	private volatile Instant failedAt;

	/**
	 * Create a store.
	 * @param redis the template of the application's Redis
	 * @param keyPrefix the prefix of the store's keys
	 * @param failClosed whether a budget that cannot be read refuses its blocking calls
	 * @param retryAfter how long to keep spend in the instance after Redis failed
	 * @param clock the clock of the pause and of the retention of spend kept meanwhile
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
		if (!pausing()) {
			try {
				sendUnsent();
				this.ledger.read(budget, slot, increment(budget, slot, usd, retention));
				recovered();
				return;
			}
			catch (RuntimeException ex) {
				// A reply lost after Redis added the spend counts it twice once sent
				// again: it errs toward refusing calls, never toward letting them through.
				failed(ex);
			}
		}
		this.ledger.spend(budget, slot, usd, this.clock.millis() + retention.toMillis());
	}

	@Override
	public double sum(String budget, long fromSlot, long toSlot) {
		if (!pausing()) {
			try {
				// What this instance spent during an outage first, so that it is read next.
				sendUnsent();
				List<String> keys = new ArrayList<>();
				for (long slot = fromSlot; slot <= toSlot; slot++) {
					keys.add(key(budget, slot));
				}
				List<String> values = this.redis.opsForValue().multiGet(keys);
				List<Double> spend = new ArrayList<>(keys.size());
				double sum = 0;
				for (int i = 0; i < keys.size(); i++) {
					String value = (values != null) ? values.get(i) : null;
					spend.add((value != null) ? Double.parseDouble(value) : 0);
					sum += spend.get(i);
				}
				this.ledger.read(budget, fromSlot, spend);
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
		return this.ledger.sum(budget, fromSlot, toSlot, this.clock.millis());
	}

	/**
	 * Claim an event in Redis ({@code SET} of a key per budget and event, in a script that
	 * compares the slot of the claim it holds); every claim wins while Redis cannot be
	 * reached.
	 */
	@Override
	public boolean claim(String budget, String event, long since, long slot, Duration retention) {
		if (pausing()) {
			return true;
		}
		try {
			Long won = this.redis.execute(CLAIM, List.of(this.keyPrefix + budget + ":event:" + event),
					Long.toString(since), Long.toString(slot), Long.toString(retention.toMillis()));
			recovered();
			return won == null || won != 0;
		}
		catch (RuntimeException ex) {
			failed(ex);
			return true;
		}
	}

	private double increment(String budget, long slot, double usd, Duration expiry) {
		String total = this.redis.execute(ADD, List.of(key(budget, slot)), Double.toString(usd),
				Long.toString(Math.max(1, expiry.toMillis())));
		return (total != null) ? Double.parseDouble(total) : usd;
	}

	private void sendUnsent() {
		if (this.ledger.hasUnsent()) {
			this.ledger.send(this.clock.millis(), this::increment);
		}
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
			logger.warn("agent-metrics cannot reach Redis, the store of its budgets; each instance counts the "
					+ "spend it last read from Redis plus its own until Redis answers again, then adds its own "
					+ "to Redis" + (this.failClosed ? ", and blocking budgets refuse their calls (fail-closed)" : "")
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
