package io.github.scratchbuffer.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import io.github.scratchbuffer.BufferPoolStats;
import io.github.scratchbuffer.HoldTimeListener;

/**
 * How long sampled scopes held their buffers, from acquisition to release.
 * <p>
 * Only sampled scopes read the clock. Whether a scope is sampled is decided when it
 * opens, from the random number its thread's chain draws for it anyway, so an unsampled
 * scope pays a multiplication and one field read at release. A sampled release records
 * into a {@link UsageHistogram} of microseconds (exact up to 16 µs, then less than 12.5%
 * high), raises the maximum and tells the listeners, which is where a Micrometer
 * {@code Timer} gets its values.
 * <p>
 * Listeners are an array replaced whole on each change, so that the release path reads
 * one volatile reference and allocates nothing.
 */
public final class HoldTimes {

	private static final HoldTimeListener[] NO_LISTENERS = {};

	private final int samplingInterval;

	private final LongSupplier ticker;

	private final UsageHistogram micros = new UsageHistogram();

	private final AtomicLong maxNanos = new AtomicLong();

	private final AtomicReference<HoldTimeListener[]> listeners = new AtomicReference<>(NO_LISTENERS);

	/**
	 * @param samplingInterval measure one scope in this many; 1 measures every scope, 0
	 * none
	 * @param ticker a nanosecond clock ({@code System::nanoTime} but in tests)
	 */
	public HoldTimes(int samplingInterval, LongSupplier ticker) {
		this.samplingInterval = samplingInterval;
		this.ticker = ticker;
	}

	/**
	 * Called when a scope opens: whether its hold is measured.
	 * @param draw 32 random bits drawn for this scope
	 * @return {@code true} for about one scope in the sampling interval
	 */
	public boolean isSampled(int draw) {
		return Sampling.oneIn(this.samplingInterval, draw);
	}

	/**
	 * Called when a sampled scope acquires its buffer.
	 * @return the clock's reading, never 0 (a reading of 0 is moved to 1)
	 */
	public long start() {
		long now = this.ticker.getAsLong();
		return (now != 0) ? now : 1;
	}

	/**
	 * Called when a sampled scope releases its buffer.
	 * @param startedAt what {@link #start()} returned at acquisition
	 */
	public void stop(long startedAt) {
		record(Math.max(0, this.ticker.getAsLong() - startedAt));
	}

	void record(long nanos) {
		long micros = (nanos + 999) / 1000;
		this.micros.record(UsageHistogram.bucketOf((int) Math.min(micros, Integer.MAX_VALUE)));
		long max;
		while (nanos > (max = this.maxNanos.get()) && !this.maxNanos.compareAndSet(max, nanos)) {
			// Another release raised it meanwhile: compare again.
		}
		for (HoldTimeListener listener : this.listeners.get()) {
			try {
				listener.onHold(nanos);
			}
			catch (RuntimeException ex) {
				// A failing listener must not break the closing scope.
			}
		}
	}

	public void addListener(HoldTimeListener listener) {
		this.listeners.updateAndGet((current) -> {
			HoldTimeListener[] added = Arrays.copyOf(current, current.length + 1);
			added[current.length] = listener;
			return added;
		});
	}

	public void removeListener(HoldTimeListener listener) {
		this.listeners.updateAndGet((current) -> {
			for (int i = 0; i < current.length; i++) {
				if (current[i] == listener) {
					HoldTimeListener[] removed = new HoldTimeListener[current.length - 1];
					System.arraycopy(current, 0, removed, 0, i);
					System.arraycopy(current, i + 1, removed, i, current.length - i - 1);
					return removed;
				}
			}
			return current;
		});
	}

	/**
	 * What the sampled scopes measured so far.
	 * @return the snapshot
	 */
	public BufferPoolStats.Hold snapshot() {
		long[] counts = new long[UsageHistogram.BUCKETS];
		this.micros.addTo(counts);
		long samples = 0;
		for (long count : counts) {
			samples += count;
		}
		long max = this.maxNanos.get();
		return new BufferPoolStats.Hold(samples, percentile(counts, 0.50, max), percentile(counts, 0.99, max),
				Duration.ofNanos(max));
	}

	private static Duration percentile(long[] counts, double percentile, long maxNanos) {
		return Duration.ofNanos(Math.min(UsageHistogram.percentile(counts, percentile) * 1000, maxNanos));
	}

}
