package dev.agentmetrics.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RepeatWindow}.
 *
 * @author agent-metrics
 */
class RepeatWindowTests {

	@Test
	void countsOccurrencesAmongTheLastSignaturesOnly() {
		RepeatWindow window = new RepeatWindow();
		assertThat(window.add(1, 3)).isEqualTo(1);
		assertThat(window.add(2, 3)).isEqualTo(1);
		assertThat(window.add(1, 3)).isEqualTo(2);
		// The window is now 2, 1, 3: the first 1 has left it.
		assertThat(window.add(3, 3)).isEqualTo(1);
		assertThat(window.add(1, 3)).isEqualTo(2);
		assertThat(window.add(1, 3)).isEqualTo(2);
		assertThat(window.add(1, 3)).isEqualTo(3);
	}

	@Test
	void keepsTheNewestSignaturesWhenTheWindowSizeChanges() {
		RepeatWindow window = new RepeatWindow();
		window.add(7, 4);
		window.add(8, 4);
		window.add(7, 4);
		window.add(9, 4);
		// Shrunk to 2: 7 and 9 remain, then 7 is added and 9 stays.
		assertThat(window.add(7, 2)).isEqualTo(1);
		assertThat(window.add(7, 2)).isEqualTo(2);
		assertThat(window.add(7, 5)).isEqualTo(3);
	}

	@Test
	void reportsEachSignatureOnce() {
		RepeatWindow window = new RepeatWindow();
		for (int i = 0; i < 10; i++) {
			assertThat(window.firstReport(i)).isTrue();
		}
		for (int i = 0; i < 10; i++) {
			assertThat(window.firstReport(i)).isFalse();
		}
	}

}
