package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of values in log-linear buckets, like HdrHistogram's: values up to 16 have a
 * bucket each, and every range {@code (2^k, 2^(k+1)]} above is split into 8 equal
 * buckets, so a bucket's upper bound overstates any value in it by less than 12.5%.
 * <p>
 * Recording is one atomic increment, on the hot path of every release. The counts are
 * striped: each thread increments its own copy of the buckets, chosen by
 * {@link ThreadHash}, and reads add the stripes up. A {@code LongAdder} per bucket did
 * the same job worse: two threads recording the same bucket kept landing on the same
 * cell, because a {@code LongAdder} moves a thread to another cell only when a CAS fails,
 * and a CAS on a contended line mostly succeeds, slowly. That made the pooled scope cycle
 * about 1.7 times slower at 2 threads than at 1 in the benchmarks. Stripes are padded
 * apart, so threads on different stripes never share a cache line.
 */
public final class UsageHistogram {

	private static final int EXACT = 16;

	private static final int SUB_BUCKETS = 8;

	/**
	 * Enough buckets for any array length: 17 exact, then 8 per power of two from 2^4 to
	 * 2^30.
	 */
	public static final int BUCKETS = EXACT + 1 + (30 - 4 + 1) * SUB_BUCKETS;

	/**
	 * Longs per stripe: the buckets (233), then at least 128 bytes of padding before the
	 * next stripe.
	 */
	private static final int STRIPE_LENGTH = 256;

	/**
	 * 128 bytes of padding before the first stripe, away from whatever precedes the array
	 * in memory.
	 */
	private static final int LEADING_PADDING = 16;

	/** Stripes for this machine: twice its processors, rounded up to a power of two. */
	private static final int DEFAULT_STRIPES = Math.min(32,
			Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) << 1);

	private final int stripes;

	private final AtomicLongArray counts;

	public UsageHistogram() {
		this(DEFAULT_STRIPES);
	}

	/**
	 * Creates a histogram.
	 * @param stripes how many copies of the buckets threads spread their increments over
	 */
	public UsageHistogram(int stripes) {
		if (stripes < 1) {
			throw new IllegalArgumentException("'stripes' must be at least 1, was " + stripes);
		}
		this.stripes = stripes;
		this.counts = new AtomicLongArray(LEADING_PADDING + stripes * STRIPE_LENGTH);
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
		this.counts.getAndIncrement(LEADING_PADDING + ThreadHash.slot(this.stripes) * STRIPE_LENGTH + bucket);
	}

	public long count() {
		long[] totals = new long[BUCKETS];
		addTo(totals);
		long count = 0;
		for (long total : totals) {
			count += total;
		}
		return count;
	}

	/**
	 * Adds this histogram's counts to {@code totals}.
	 * @param totals one count per bucket
	 */
	public void addTo(long[] totals) {
		for (int stripe = 0; stripe < this.stripes; stripe++) {
			for (int bucket = 0; bucket < BUCKETS; bucket++) {
				totals[bucket] += this.counts.get(LEADING_PADDING + stripe * STRIPE_LENGTH + bucket);
			}
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
