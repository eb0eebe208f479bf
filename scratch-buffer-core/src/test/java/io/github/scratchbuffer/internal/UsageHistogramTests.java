package io.github.scratchbuffer.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UsageHistogramTests {

	@Test
	void bucketsAreBoundedByPowersOfTwo() {
		assertThat(UsageHistogram.bucketOf(0)).isZero();
		assertThat(UsageHistogram.bucketOf(1)).isOne();
		assertThat(UsageHistogram.bucketOf(2)).isEqualTo(2);
		assertThat(UsageHistogram.bucketOf(3)).isEqualTo(3);
		assertThat(UsageHistogram.bucketOf(4)).isEqualTo(3);
		assertThat(UsageHistogram.bucketOf(5)).isEqualTo(4);
		assertThat(UsageHistogram.upperBound(UsageHistogram.bucketOf(65536))).isEqualTo(65536);
		assertThat(UsageHistogram.upperBound(UsageHistogram.bucketOf(65537))).isEqualTo(131072);
		assertThat(UsageHistogram.bucketOf(Integer.MAX_VALUE - 8)).isEqualTo(UsageHistogram.BUCKETS - 1);
	}

	@Test
	void everyValueFallsInTheBucketWhoseUpperBoundCoversIt() {
		for (int value = 0; value < 5000; value++) {
			long upper = UsageHistogram.upperBound(UsageHistogram.bucketOf(value));
			assertThat(upper).isGreaterThanOrEqualTo(value);
			assertThat(upper / 2).isLessThan(Math.max(value, 1));
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
		assertThat(UsageHistogram.percentile(counts, 0.50)).isEqualTo(128);
		assertThat(UsageHistogram.percentile(counts, 0.90)).isEqualTo(128);
		assertThat(UsageHistogram.percentile(counts, 0.99)).isEqualTo(16384);
	}

	@Test
	void percentileOfNothingIsZero() {
		assertThat(UsageHistogram.percentile(new long[UsageHistogram.BUCKETS], 0.99)).isZero();
	}

}
