package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of values in power-of-two buckets: bucket 0 holds 0, bucket {@code b > 0} holds
 * {@code (2^(b-2), 2^(b-1)]}, so its upper bound is {@code 2^(b-1)}. Recording is one
 * {@link LongAdder} increment, which stays uncontended across threads.
 */
public final class UsageHistogram {

	/** Enough buckets for any array length. */
	public static final int BUCKETS = 33;

	private final LongAdder[] counts = new LongAdder[BUCKETS];

	public UsageHistogram() {
		for (int i = 0; i < BUCKETS; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/**
	 * The bucket a value falls in.
	 * @param value a non-negative value
	 * @return its bucket, from 0 to {@value #BUCKETS} - 1
	 */
	public static int bucketOf(int value) {
		return (value <= 0) ? 0 : 33 - Integer.numberOfLeadingZeros(value - 1);
	}

	/**
	 * The largest value a bucket holds.
	 * @param bucket the bucket
	 * @return its upper bound
	 */
	public static long upperBound(int bucket) {
		return (bucket == 0) ? 0 : 1L << (bucket - 1);
	}

	public void record(int bucket) {
		this.counts[bucket].increment();
	}

	public long count() {
		long count = 0;
		for (LongAdder adder : this.counts) {
			count += adder.sum();
		}
		return count;
	}

	/**
	 * Adds this histogram's counts to {@code totals}.
	 * @param totals one count per bucket
	 */
	public void addTo(long[] totals) {
		for (int i = 0; i < BUCKETS; i++) {
			totals[i] += this.counts[i].sum();
		}
	}

	/**
	 * The upper bound of the bucket holding the given percentile of the counts.
	 * @param totals one count per bucket
	 * @param percentile between 0 and 1
	 * @return the value, or 0 if there are no counts
	 */
	public static long percentile(long[] totals, double percentile) {
		long count = 0;
		for (long total : totals) {
			count += total;
		}
		long rank = (long) Math.ceil(count * percentile);
		long seen = 0;
		for (int bucket = 0; bucket < totals.length; bucket++) {
			seen += totals[bucket];
			if (seen >= rank && seen > 0) {
				return upperBound(bucket);
			}
		}
		return 0;
	}

}
