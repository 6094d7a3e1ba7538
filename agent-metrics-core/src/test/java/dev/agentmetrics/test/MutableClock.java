package dev.agentmetrics.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock in UTC that a test sets and moves.
 */
public final class MutableClock extends Clock {

	private volatile Instant instant;

	/**
	 * Create a clock showing the given instant.
	 * @param instant the instant
	 */
	public MutableClock(Instant instant) {
		this.instant = instant;
	}

	/**
	 * Set the clock.
	 * @param instant what it shows from now on
	 */
	public void set(Instant instant) {
		this.instant = instant;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.instant = this.instant.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.instant;
	}

}
