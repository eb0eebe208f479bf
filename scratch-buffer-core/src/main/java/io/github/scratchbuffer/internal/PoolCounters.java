package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counters behind a buffer manager's statistics. Each acquisition and each release costs one
 * {@link LongAdder} increment, which does not contend across threads; everything else is derived
 * when read: {@code acquisitions = hits + misses}, {@code active = acquisitions - released}.
 * Releases are counted in usage histograms, so one increment records both the outcome and how
 * many bytes the scope used.
 */
public final class PoolCounters {

	private final LongAdder hits = new LongAdder();

	private final LongAdder misses = new LongAdder();

	private final UsageHistogram returned = new UsageHistogram();

	private final UsageHistogram dropped = new UsageHistogram();

	/** Buffers of leaked scopes found unreachable: dropped, but their usage is unknown. */
	private final LongAdder droppedUnmeasured = new LongAdder();

	private final LongAdder drained = new LongAdder();

	private final LongAdder leaks = new LongAdder();

	private final LongAdder unscoped = new LongAdder();

	/** Raised only on misses, so the common (hit) path never writes a shared word. */
	private final AtomicLong peakActive = new AtomicLong();

	private final AtomicInteger maxUsage = new AtomicInteger();

	public void hit() {
		this.hits.increment();
	}

	public void miss() {
		this.misses.increment();
		long active = active();
		long peak;
		while (active > (peak = this.peakActive.get()) && !this.peakActive.compareAndSet(peak, active)) {
			// another miss raised the peak meanwhile: compare again
		}
	}

	/**
	 * Counts a released buffer.
	 * @param pooled whether it went back to the pool
	 * @param usageBucket the {@link UsageHistogram} bucket of the most bytes the scope used
	 */
	public void released(boolean pooled, int usageBucket) {
		(pooled ? this.returned : this.dropped).record(usageBucket);
	}

	public void droppedUnmeasured() {
		this.droppedUnmeasured.increment();
	}

	public void usage(int bytes) {
		int max;
		while (bytes > (max = this.maxUsage.get()) && !this.maxUsage.compareAndSet(max, bytes)) {
			// another scope raised the maximum meanwhile: compare again
		}
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

	public long hits() {
		return this.hits.sum();
	}

	public long misses() {
		return this.misses.sum();
	}

	public long returned() {
		return this.returned.count();
	}

	public long dropped() {
		return this.dropped.count() + this.droppedUnmeasured.sum();
	}

	/**
	 * Buffers held by scopes. Releases are read before acquisitions, so a reading under load
	 * may overcount the operations in flight but is never negative.
	 * @return acquisitions not yet released
	 */
	public long active() {
		long released = returned() + dropped();
		return hits() + misses() - released;
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
