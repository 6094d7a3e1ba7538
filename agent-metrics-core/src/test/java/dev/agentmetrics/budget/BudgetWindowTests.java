package dev.agentmetrics.budget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where budget windows start and end, computed once per calendar window.
 */
class BudgetWindowTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	@Test
	void dayOfASummerTimeChangeHasTwentyThreeHoursInItsZone() {
		BudgetWindow day = BudgetWindow.day(BERLIN);
		Instant noon = Instant.parse("2026-03-29T10:00:00Z");
		assertThat(day.slot(noon)).isEqualTo(Instant.parse("2026-03-28T23:00:00Z").toEpochMilli());
		assertThat(day.nextStart(noon)).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
		assertThat(day.slot(Instant.parse("2026-03-29T21:59:59.999Z")))
			.isEqualTo(Instant.parse("2026-03-28T23:00:00Z").toEpochMilli());
		assertThat(day.slot(Instant.parse("2026-03-29T22:00:00Z")))
			.isEqualTo(Instant.parse("2026-03-29T22:00:00Z").toEpochMilli());
	}

	@Test
	void slotsOfAnEarlierWindowAreComputedAfterALaterOne() {
		BudgetWindow month = BudgetWindow.month(BERLIN);
		assertThat(month.slot(Instant.parse("2026-12-15T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-11-30T23:00:00Z").toEpochMilli());
		assertThat(month.slot(Instant.parse("2026-11-30T22:59:59Z")))
			.isEqualTo(Instant.parse("2026-10-31T23:00:00Z").toEpochMilli());
		assertThat(month.nextStart(Instant.parse("2026-11-30T22:59:59Z")))
			.isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
	}

	@Test
	void rollingWindowKeepsSixtySlotsOfItsDuration() {
		BudgetWindow hour = BudgetWindow.rolling(Duration.ofHours(1));
		long slot = hour.slot(Instant.parse("2026-11-29T10:00:00Z"));
		assertThat(slot).isEqualTo(Instant.parse("2026-11-29T10:00:00Z").toEpochMilli() / 60_000);
		assertThat(hour.firstSlot(slot)).isEqualTo(slot - 59);
		assertThat(hour.retention()).isEqualTo(Duration.ofMinutes(61));
	}

}
