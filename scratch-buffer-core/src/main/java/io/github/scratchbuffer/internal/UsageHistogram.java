package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of values in log-linear buckets, like HdrHistogram's: values up to 16 have a
 * bucket each, and every range {@code (2^k, 2^(k+1)]} above is split into 8 equal
 * buckets, so a bucket's upper bound overstates any value in it by less than 12.5%.
 * Recording is one {@link LongAdder} increment, which stays uncontended across threads.
 */
public final class UsageHistogram {

	private static final int EXACT = 16;

	private static final int SUB_BUCKETS = 8;

	/**
	 * Enough buckets for any array length: 17 exact, then 8 per power of two from 2^4 to
	 * 2^30.
	 */
	public static final int BUCKETS = EXACT + 1 + (30 - 4 + 1) * SUB_BUCKETS;

	private final LongAdder[] counts = new LongAdder[BUCKETS];

	public UsageHistogram() {
		for (int i = 0; i < BUCKETS; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	/**
	 * The bucket a value falls in.
	 * @param value a non-negative value
	 * @return its bucket, from 0 to {@link #BUCKETS} - 1
	 */
	public static int bucketOf(int value) {
		if (value <= EXACT) {
			return Math.max(value, 0);
		}
		int x = value - 1;
		int k = 31 - Integer.numberOfLeadingZeros(x);
		int sub = (x >>> (k - 3)) & (SUB_BUCKETS - 1);
		return EXACT + 1 + (k - 4) * SUB_BUCKETS + sub;
	}

	/**
	 * The largest value a bucket holds.
	 * @param bucket the bucket
	 * @return its upper bound
	 */
	public static long upperBound(int bucket) {
		if (bucket <= EXACT) {
			return bucket;
		}
		int k = 4 + (bucket - EXACT - 1) / SUB_BUCKETS;
		int sub = (bucket - EXACT - 1) % SUB_BUCKETS;
		return ((long) SUB_BUCKETS + sub + 1) << (k - 3);
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
