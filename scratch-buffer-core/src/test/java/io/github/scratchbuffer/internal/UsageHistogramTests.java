package io.github.scratchbuffer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	/**
	 * Every increment of every thread is counted once, in its bucket, whichever stripe
	 * each thread lands on (1 stripe: all threads share it; 3: not a power of two).
	 */
	@ParameterizedTest
	@ValueSource(ints = { 1, 3, 4, 32 })
	void concurrentRecordsAddUpExactlyAcrossStripes(int stripes) throws InterruptedException {
		UsageHistogram histogram = new UsageHistogram(stripes);
		int threads = 8;
		int perThread = 50_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			Thread worker = new Thread(() -> {
				awaitQuietly(start);
				for (int i = 0; i < perThread; i++) {
					// Each thread records buckets 0..UsageHistogram.BUCKETS-1 in turn,
					// starting at a bucket of its own.
					histogram.record((thread + i) % UsageHistogram.BUCKETS);
				}
			});
			worker.start();
			workers.add(worker);
		}
		start.countDown();
		for (Thread worker : workers) {
			worker.join();
		}
		long[] expected = new long[UsageHistogram.BUCKETS];
		for (int t = 0; t < threads; t++) {
			for (int i = 0; i < perThread; i++) {
				expected[(t + i) % UsageHistogram.BUCKETS]++;
			}
		}
		long[] counts = new long[UsageHistogram.BUCKETS];
		histogram.addTo(counts);
		assertThat(counts).isEqualTo(expected);
		assertThat(histogram.count()).isEqualTo((long) threads * perThread);
	}

	@Test
	void aHistogramNeedsAStripe() {
		assertThatIllegalArgumentException().isThrownBy(() -> new UsageHistogram(0))
			.withMessage("'stripes' must be at least 1, was 0");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void percentileOfNothingIsZero() {
		assertThat(UsageHistogram.percentile(new long[UsageHistogram.BUCKETS], 0.99)).isZero();
	}

}
