package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind a buffer manager's statistics, kept so that a pooled scope cycle (a
 * hit and a return) costs a single increment of a striped {@link UsageHistogram}, which
 * does not contend across threads. Releases are counted in usage histograms, so that one
 * increment records both the outcome and how many bytes the scope used. Misses (which
 * allocate anyway), drops (which leave the pool path anyway), drains and leaks are also
 * counted where they happen, so that deriving the active count never has to add up a
 * histogram. Everything else is derived when read, from one fact: every array a miss
 * allocated is held by a scope, idle in the pool, or gone (dropped or drained). So
 * {@code active = misses - dropped - drained - idle}, and since every acquisition is a
 * hit or a miss and every release a return or a drop,
 * {@code acquisitions = active + returned + dropped} and
 * {@code hits = acquisitions - misses}.
 */
public final class PoolCounters {

	private final LongAdder misses = new LongAdder();

	private final UsageHistogram returned = new UsageHistogram();

	private final UsageHistogram dropped = new UsageHistogram();

	/** Every dropped buffer, including those of leaked scopes whose usage is unknown. */
	private final LongAdder droppedTotal = new LongAdder();

	private final LongAdder drained = new LongAdder();

	private final LongAdder leaks = new LongAdder();

	private final LongAdder unscoped = new LongAdder();

	/**
	 * Released buffers that had grown past the initial capacity (rare: counted apart).
	 */
	private final LongAdder grown = new LongAdder();

	/**
	 * Released buffers dropped, with pooling on, for being larger than may be retained.
	 */
	private final LongAdder droppedTooLarge = new LongAdder();

	/** Raised only on misses, so the common (hit) path never writes a shared word. */
	private final AtomicLong peakActive = new AtomicLong();

	private final AtomicInteger maxUsage = new AtomicInteger();

	public void miss() {
		this.misses.increment();
	}

	/**
	 * Raises the peak of active buffers to {@code active} if that is higher.
	 * @param active buffers active now
	 */
	public void observeActive(long active) {
		long peak;
		while (active > (peak = this.peakActive.get()) && !this.peakActive.compareAndSet(peak, active)) {
			// another miss raised the peak meanwhile: compare again
		}
	}

	/**
	 * Counts a released buffer.
	 * @param pooled whether it went back to the pool
	 * @param usageBucket the {@link UsageHistogram} bucket of the most bytes the scope
	 * used
	 */
	public void released(boolean pooled, int usageBucket) {
		if (pooled) {
			this.returned.record(usageBucket);
		}
		else {
			this.dropped.record(usageBucket);
			this.droppedTotal.increment();
		}
	}

	/**
	 * Counts the buffer of a leaked scope found unreachable: gone with its scope, usage
	 * unknown.
	 */
	public void droppedUnmeasured() {
		this.droppedTotal.increment();
	}

	public void usage(int bytes) {
		int max;
		while (bytes > (max = this.maxUsage.get()) && !this.maxUsage.compareAndSet(max, bytes)) {
			// another scope raised the maximum meanwhile: compare again
		}
	}

	public void grown() {
		this.grown.increment();
	}

	public void droppedTooLarge() {
		this.droppedTooLarge.increment();
	}

	public long grownCount() {
		return this.grown.sum();
	}

	public long droppedTooLargeCount() {
		return this.droppedTooLarge.sum();
	}

	public void drained(int count) {
		this.drained.add(count);
	}

	public void leak() {
		this.leaks.increment();
	}

	public void unscopedCreated() {
		this.unscoped.increment();
	}

	public long misses() {
		return this.misses.sum();
	}

	public long returned() {
		return this.returned.count();
	}

	public long dropped() {
		return this.droppedTotal.sum();
	}

	/**
	 * Buffers held by scopes, derived as the class description explains. Exact at
	 * quiescence; under load off by the operations in flight, never negative.
	 * @param idle the arrays idle in the pool now
	 * @return buffers held by scopes
	 */
	public long active(int idle) {
		return Math.max(0, misses() - dropped() - drained() - idle);
	}

	public long peakActive() {
		return this.peakActive.get();
	}

	public long drained() {
		return this.drained.sum();
	}

	public long leaks() {
		return this.leaks.sum();
	}

	public long unscoped() {
		return this.unscoped.sum();
	}

	public int maxUsage() {
		return this.maxUsage.get();
	}

	/**
	 * The usage of every measured release, one count per {@link UsageHistogram} bucket.
	 * @return the counts
	 */
	public long[] usageCounts() {
		long[] totals = new long[UsageHistogram.BUCKETS];
		this.returned.addTo(totals);
		this.dropped.addTo(totals);
		return totals;
	}

}
