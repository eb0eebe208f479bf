package io.github.scratchbuffer;

import java.time.Duration;

/**
 * An immutable snapshot of a {@link BufferManager}'s pool and counters.
 * <p>
 * Counters are read one after another, not atomically, so a snapshot taken under load may
 * be off by the operations in flight. At quiescence these hold exactly:
 * {@code acquisitions == hits + misses} and
 * {@code acquisitions == active + returned + dropped}. Buffers of code running outside
 * any scope are counted in {@code unscoped} only: they are never taken from or given to
 * the pool.
 *
 * @param name the manager's name
 * @param poolingEnabled whether released buffers currently go back to the pool
 * @param bufferSize initial capacity of each buffer, in bytes
 * @param maxRetainedCapacity largest buffer capacity the pool keeps, in bytes
 * @param maxPoolSize most idle buffers the pool keeps
 * @param idle buffers waiting in the pool
 * @param active buffers held by open scopes
 * @param peakActive most buffers held by open scopes at once, observed whenever a buffer
 * had to be allocated (so it may trail a peak served entirely from the pool by at most
 * the idle count)
 * @param acquisitions buffers handed to scopes
 * @param hits acquisitions served from the pool
 * @param misses acquisitions that allocated a new buffer
 * @param returned released buffers that went back to the pool
 * @param dropped released buffers left to the garbage collector: pooling off, pool full,
 * buffer grown past {@code maxRetainedCapacity}, or scope leaked and found unreachable
 * @param drained idle buffers removed from the pool by {@link BufferManager#drain()} or
 * by turning pooling off
 * @param leaks scopes that ended without being closed
 * @param unscoped thread-bound buffers created for code running outside any scope
 * @param retainedBytes bytes held by idle buffers
 * @param usage bytes used per scope
 * @param hold how long sampled scopes held their buffers
 * @since 0.1.0
 */
public record BufferPoolStats(String name, boolean poolingEnabled, int bufferSize, int maxRetainedCapacity,
		int maxPoolSize, int idle, long active, long peakActive, long acquisitions, long hits, long misses,
		long returned, long dropped, long drained, long leaks, long unscoped, long retainedBytes, Usage usage,
		Hold hold) {

	/**
	 * A snapshot without hold times, as before they were measured.
	 */
	public BufferPoolStats(String name, boolean poolingEnabled, int bufferSize, int maxRetainedCapacity,
			int maxPoolSize, int idle, long active, long peakActive, long acquisitions, long hits, long misses,
			long returned, long dropped, long drained, long leaks, long unscoped, long retainedBytes, Usage usage) {
		this(name, poolingEnabled, bufferSize, maxRetainedCapacity, maxPoolSize, idle, active, peakActive, acquisitions,
				hits, misses, returned, dropped, drained, leaks, unscoped, retainedBytes, usage, Hold.NONE);
	}

	/**
	 * Active buffers as a fraction of the pool's maximum size.
	 * @return {@code active / maxPoolSize}, or 0 when the pool has no room
	 */
	public double utilization() {
		return (this.maxPoolSize != 0) ? (double) this.active / this.maxPoolSize : 0.0;
	}

	/**
	 * Fraction of acquisitions served from the pool.
	 * @return {@code hits / acquisitions}, or 0 before the first acquisition
	 */
	public double hitRatio() {
		return (this.acquisitions != 0) ? (double) this.hits / this.acquisitions : 0.0;
	}

	/**
	 * How many bytes scopes used, measured when each released its buffer. Percentiles are
	 * rounded up to their histogram bucket's bound, which overstates them by less than
	 * 12.5% (and capped at {@code max}).
	 *
	 * @param samples scopes measured
	 * @param p50 median bytes used per scope
	 * @param p99 99th percentile of bytes used per scope
	 * @param max most bytes any scope used
	 * @param recommendedBufferSize smallest power of two that is at least {@code p99}, or
	 * the configured buffer size before any sample
	 * @param grown scopes whose buffer grew past the configured buffer size (each growth
	 * copies the buffer)
	 * @param droppedTooLarge buffers dropped instead of pooled because they had grown
	 * past the maximum retained capacity (counted with pooling on)
	 * @param recommendation what to change, if anything, and why, in one sentence: for
	 * example {@code "Raise buffer-size to 32KB: 41% of scopes grew past 16KB."}
	 */
	public record Usage(long samples, long p50, long p99, long max, long recommendedBufferSize, long grown,
			long droppedTooLarge, String recommendation) {
	}

	/**
	 * How long scopes held their buffer, from acquisition to release, measured on one
	 * scope in {@link BufferManagerSettings#holdSamplingInterval()}. Percentiles are
	 * rounded up to their histogram bucket's bound: exact to the microsecond up to 16 µs,
	 * less than 12.5% high above (and capped at {@code max}). Long holds explain a high
	 * {@code peakActive}: asynchronous requests, or work that keeps its scope open while
	 * it waits.
	 *
	 * @param samples scopes measured
	 * @param p50 median hold time
	 * @param p99 99th percentile of hold times
	 * @param max longest hold measured
	 */
	public record Hold(long samples, Duration p50, Duration p99, Duration max) {

		/** No scope measured. */
		public static final Hold NONE = new Hold(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

	}

}
