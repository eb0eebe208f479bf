package io.github.scratchbuffer;

import io.github.scratchbuffer.internal.BufferPool;
import io.github.scratchbuffer.internal.HoldTimes;
import io.github.scratchbuffer.internal.PoolCounters;
import io.github.scratchbuffer.internal.UsageHistogram;

/**
 * Assembles a {@link BufferPoolStats} snapshot from what the hot path counts: the
 * counters, the pool, the usage histogram and the hold times. Nothing here runs per
 * scope; a snapshot reads each source once, one after another (see
 * {@link BufferPoolStats} for what holds at quiescence).
 */
final class PoolStatistics {

	private final BufferManagerSettings settings;

	private final PoolCounters counters;

	private final BufferRecycler recycler;

	private final HoldTimes holdTimes;

	PoolStatistics(BufferManagerSettings settings, PoolCounters counters, BufferRecycler recycler,
			HoldTimes holdTimes) {
		this.settings = settings;
		this.counters = counters;
		this.recycler = recycler;
		this.holdTimes = holdTimes;
	}

	BufferPoolStats snapshot() {
		PoolCounters counters = this.counters;
		BufferPool pool = this.recycler.pool();
		int idle = pool.idle();
		long active = counters.active(idle);
		long returned = counters.returned();
		long dropped = counters.dropped();
		long misses = counters.misses();
		long acquisitions = Math.max(active + returned + dropped, misses);
		return new BufferPoolStats(this.settings.name(), this.recycler.isPoolingEnabled(), this.settings.bufferSize(),
				this.settings.maxRetainedCapacity(), this.settings.maxPoolSize(), idle, active,
				Math.max(active, counters.peakActive()), acquisitions, acquisitions - misses, misses, returned, dropped,
				counters.drained(), counters.leaks(), counters.unscoped(), pool.retainedBytes(), usage(),
				this.holdTimes.snapshot());
	}

	private BufferPoolStats.Usage usage() {
		long[] counts = this.counters.usageCounts();
		long samples = 0;
		for (long count : counts) {
			samples += count;
		}
		long max = this.counters.maxUsage();
		long p50 = Math.min(UsageHistogram.percentile(counts, 0.50), max);
		long p99 = Math.min(UsageHistogram.percentile(counts, 0.99), max);
		long recommended = (samples != 0) ? ceilingPowerOfTwo(p99) : this.settings.bufferSize();
		long grown = this.counters.grownCount();
		long droppedTooLarge = this.counters.droppedTooLargeCount();
		String recommendation = SizingAdvice.recommend(this.settings, samples, p99, max, recommended, grown,
				droppedTooLarge);
		return new BufferPoolStats.Usage(samples, p50, p99, max, recommended, grown, droppedTooLarge, recommendation);
	}

	static long ceilingPowerOfTwo(long value) {
		return (value <= 1) ? 1 : Long.highestOneBit(value - 1) << 1;
	}

}
