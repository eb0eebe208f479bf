package io.github.scratchbuffer.internal;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplingTests {

	@Test
	void intervalZeroPicksNothingAndOnePicksEverything() {
		for (int draw : new int[] { 0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE }) {
			assertThat(Sampling.oneIn(0, draw)).isFalse();
			assertThat(Sampling.oneIn(-5, draw)).isFalse();
			assertThat(Sampling.oneIn(1, draw)).isTrue();
		}
	}

	@Test
	void exactlyOneDrawInEachIntervalOfTheRangeIsPicked() {
		// Multiply-shift picks the draws below 2^32 / interval (as unsigned numbers): the
		// smallest draws, not the largest, whatever their sign.
		assertThat(Sampling.oneIn(4, 0)).isTrue();
		assertThat(Sampling.oneIn(4, 0x3FFFFFFF)).isTrue();
		assertThat(Sampling.oneIn(4, 0x40000000)).isFalse();
		assertThat(Sampling.oneIn(4, -1)).isFalse();
		assertThat(Sampling.oneIn(4, Integer.MIN_VALUE)).isFalse();
	}

	@Test
	void uniformDrawsArePickedAtTheIntervalsRate() {
		SplittableRandom random = new SplittableRandom(20261203);
		for (int interval : new int[] { 2, 3, 64, 1000, 1024 }) {
			int picked = 0;
			int draws = 1_000_000;
			for (int i = 0; i < draws; i++) {
				if (Sampling.oneIn(interval, random.nextInt())) {
					picked++;
				}
			}
			double expected = (double) draws / interval;
			// Six standard deviations of the binomial count.
			double tolerance = 6 * Math.sqrt(expected * (1 - 1.0 / interval));
			assertThat((double) picked).as("interval %d", interval)
				.isBetween(expected - tolerance, expected + tolerance);
		}
	}

}
