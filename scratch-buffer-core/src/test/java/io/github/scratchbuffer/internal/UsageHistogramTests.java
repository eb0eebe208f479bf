package io.github.scratchbuffer.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageHistogramTests {

	@Test
	void smallValuesHaveABucketEach() {
		for (int value = 0; value <= 16; value++) {
			assertThat(UsageHistogram.upperBound(UsageHistogram.bucketOf(value))).isEqualTo(value);
		}
	}

	@Test
	void powersOfTwoAreBucketBounds() {
		for (int k = 5; k <= 30; k++) {
			int value = 1 << k;
			assertThat(UsageHistogram.upperBound(UsageHistogram.bucketOf(value))).isEqualTo(value);
			assertThat(UsageHistogram.upperBound(UsageHistogram.bucketOf(value + 1))).isGreaterThan(value);
		}
		assertThat(UsageHistogram.bucketOf(Integer.MAX_VALUE - 8)).isEqualTo(UsageHistogram.BUCKETS - 1);
	}

	@Test
	void everyValueFallsInABucketWhoseBoundIsWithinAnEighthAboveIt() {
		int previousBucket = -1;
		for (int value = 0; value < 200_000; value++) {
			int bucket = UsageHistogram.bucketOf(value);
			assertThat(bucket).isBetween(previousBucket, previousBucket + 1);
			previousBucket = bucket;
			long upper = UsageHistogram.upperBound(bucket);
			assertThat(upper).isGreaterThanOrEqualTo(value);
			assertThat((double) upper).isLessThan(value * 1.125 + 1);
		}
	}

	@Test
	void percentilesPickTheBucketHoldingTheirRank() {
		UsageHistogram histogram = new UsageHistogram();
		for (int i = 0; i < 90; i++) {
			histogram.record(UsageHistogram.bucketOf(100));
		}
		for (int i = 0; i < 10; i++) {
			histogram.record(UsageHistogram.bucketOf(10_000));
		}
		long[] counts = new long[UsageHistogram.BUCKETS];
		histogram.addTo(counts);
		assertThat(histogram.count()).isEqualTo(100);
		assertThat(UsageHistogram.percentile(counts, 0.50)).isEqualTo(104);
		assertThat(UsageHistogram.percentile(counts, 0.90)).isEqualTo(104);
		assertThat(UsageHistogram.percentile(counts, 0.99)).isEqualTo(10_240);
	}

	@Test
	void percentileOfNothingIsZero() {
		assertThat(UsageHistogram.percentile(new long[UsageHistogram.BUCKETS], 0.99)).isZero();
	}

}
