package dev.agentmetrics.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

import org.springframework.lang.Nullable;
import org.springframework.util.Assert;

/**
 * The time over which a budget adds up spend: a rolling duration (the last hour, say), or
 * the calendar day or month in a time zone. Spend is kept in slots: one per calendar
 * window, or sixty per rolling window, so that a rolling window forgets its oldest spend
 * a sixtieth at a time.
 *
 * @author agent-metrics
 */
public final class BudgetWindow {

	/** Slots of a rolling window. */
	static final int ROLLING_SLOTS = 60;

	private final Kind kind;

	private final Duration duration;

	private final ZoneId zone;

	private final long slotMillis;

	// The calendar window seen last: nearly every slot asked for is in it, and computing a
	// day's start in a zone allocates.
	@Nullable
	private volatile CalendarSpan current;

	private BudgetWindow(Kind kind, Duration duration, ZoneId zone) {
		this.kind = kind;
		this.duration = duration;
		this.zone = zone;
		this.slotMillis = (kind == Kind.ROLLING) ? Math.max(1, duration.toMillis() / ROLLING_SLOTS) : 0;
	}

	/**
	 * Return a rolling window.
	 * @param duration how far back it adds up spend, at least one second
	 * @return the window
	 */
	public static BudgetWindow rolling(Duration duration) {
		Assert.isTrue(duration != null && duration.compareTo(Duration.ofSeconds(1)) >= 0,
				"'duration' must be at least one second");
		return new BudgetWindow(Kind.ROLLING, duration, ZoneId.of("UTC"));
	}

	/**
	 * Return the calendar day in a time zone.
	 * @param zone the zone
	 * @return the window
	 */
	public static BudgetWindow day(ZoneId zone) {
		return new BudgetWindow(Kind.DAY, Duration.ofDays(1), zone);
	}

	/**
	 * Return the calendar month in a time zone.
	 * @param zone the zone
	 * @return the window
	 */
	public static BudgetWindow month(ZoneId zone) {
		return new BudgetWindow(Kind.MONTH, Duration.ofDays(31), zone);
	}

	/**
	 * Return whether this is a calendar window, which starts anew at a fixed time.
	 * @return whether it is a day or a month
	 */
	public boolean isCalendar() {
		return this.kind != Kind.ROLLING;
	}

	/**
	 * Return the slot the given instant falls in.
	 * @param now the instant
	 * @return the slot: epoch milliseconds of a calendar window's start, else a rolling
	 * window's slot number
	 */
	long slot(Instant now) {
		return slot(now.toEpochMilli());
	}

	/**
	 * Return the slot the given time falls in.
	 * @param epochMillis the time, in epoch milliseconds
	 * @return the slot: epoch milliseconds of a calendar window's start, else a rolling
	 * window's slot number
	 */
	long slot(long epochMillis) {
		if (this.kind == Kind.ROLLING) {
			return epochMillis / this.slotMillis;
		}
		return calendarSpan(epochMillis).start();
	}

	/** The calendar window holding the given time, computed once per window. */
	private CalendarSpan calendarSpan(long epochMillis) {
		CalendarSpan span = this.current;
		if (span == null || epochMillis < span.start() || epochMillis >= span.end()) {
			LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), this.zone);
			LocalDate first = (this.kind == Kind.DAY) ? day : day.withDayOfMonth(1);
			LocalDate next = (this.kind == Kind.DAY) ? first.plusDays(1) : first.plusMonths(1);
			span = new CalendarSpan(first.atStartOfDay(this.zone).toInstant().toEpochMilli(),
					next.atStartOfDay(this.zone).toInstant().toEpochMilli());
			this.current = span;
		}
		return span;
	}

	/**
	 * Return when the calendar window after the one holding the given instant starts.
	 * @param now the instant
	 * @return the start of the next day or month in this window's zone
	 */
	Instant nextStart(Instant now) {
		Assert.state(isCalendar(), "A rolling window has no start");
		return Instant.ofEpochMilli(calendarSpan(now.toEpochMilli()).end());
	}

	/**
	 * Return the first slot of the window that ends with the given slot.
	 * @param slot the current slot
	 * @return the oldest slot still in the window
	 */
	long firstSlot(long slot) {
		return (this.kind == Kind.ROLLING) ? slot - ROLLING_SLOTS + 1 : slot;
	}

	/**
	 * Return how long a store must keep a slot.
	 * @return the retention
	 */
	Duration retention() {
		return (this.kind == Kind.ROLLING) ? this.duration.plusMillis(this.slotMillis) : this.duration.plusDays(1);
	}

	/**
	 * Return when the calendar window holding the given slot started.
	 * @param slot a calendar window's slot
	 * @return the start
	 */
	ZonedDateTime start(long slot) {
		return Instant.ofEpochMilli(slot).atZone(this.zone);
	}

	@Override
	public String toString() {
		return (this.kind == Kind.ROLLING) ? this.duration.toString() : this.kind.name().toLowerCase(Locale.ROOT);
	}

	/** A calendar window, from its start to the next one's, in epoch milliseconds. */
	private record CalendarSpan(long start, long end) {
	}

	private enum Kind {

		ROLLING, DAY, MONTH

	}

}
