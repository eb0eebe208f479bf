package io.github.scratchbuffer;

import io.github.scratchbuffer.internal.BufferPool;
import io.github.scratchbuffer.internal.HoldTimes;
import io.github.scratchbuffer.internal.PoolCounters;
import io.github.scratchbuffer.internal.UsageHistogram;

/**
 * Where a scope's array comes from and where it goes back: the hot path of every scope
 * that uses its buffer. Takes arrays from the pool or allocates them, gives them back
 * zeroed or leaves them to the garbage collector, and counts both ends (the counters, the
 * usage histogram, sampled hold times).
 * <p>
 * Invariant: an array taken for a scope is given back exactly once. The acquirer
 * publishes it by setting {@code HOLDS_ARRAY} on the scope's state after storing it; only
 * the one close whose CAS set {@code CLOSED} sees that flag and releases the array, and
 * an acquirer whose publication lost to a close gives the array back itself.
 */
final class BufferRecycler {

	/** Source of zeroes for {@link #zero(byte[], int)}; never written. */
	private static final byte[] ZEROES = new byte[16 * 1024];

	private final BufferManagerSettings settings;

	private final BufferPool pool;

	private final PoolCounters counters;

	private final HoldTimes holdTimes;

	private volatile boolean poolingEnabled;

	BufferRecycler(BufferManagerSettings settings, PoolCounters counters, HoldTimes holdTimes) {
		this.settings = settings;
		this.pool = new BufferPool(settings.maxPoolSize());
		this.counters = counters;
		this.holdTimes = holdTimes;
		this.poolingEnabled = settings.poolingEnabled();
	}

	boolean isPoolingEnabled() {
		return this.poolingEnabled;
	}

	void setPoolingEnabled(boolean enabled) {
		this.poolingEnabled = enabled;
		if (!enabled) {
			this.counters.drained(this.pool.drain());
		}
	}

	int drain() {
		int drained = this.pool.drain();
		this.counters.drained(drained);
		return drained;
	}

	BufferPool pool() {
		return this.pool;
	}

	void acquire(ScopedBuffer scope) {
		int state = scope.state;
		if ((state & ScratchBuffer.CLOSED) != 0) {
			throw usedAfterRelease();
		}
		if ((state & ScratchBuffer.UNSCOPED) != 0) {
			scope.array = new byte[this.settings.bufferSize()];
			this.counters.unscopedCreated();
			return;
		}
		byte[] array = this.poolingEnabled ? this.pool.poll() : null;
		if (array == null) {
			array = new byte[this.settings.bufferSize()];
			this.counters.miss();
			this.counters.observeActive(this.counters.active(this.pool.idle()));
		}
		// A hit is counted by the release that follows it (see PoolCounters).
		scope.array = array;
		ScopedBuffer.Watched watched = (scope instanceof ScopedBuffer.Watched w) ? w : null;
		if (watched != null && watched.acquiredAt != 0) {
			// Timed since it opened: time from now.
			watched.acquiredAt = this.holdTimes.start();
		}
		// The scope may be closing on another thread right now (a container ending an
		// async request while its work takes the buffer): only a closer that finds
		// HOLDS_ARRAY releases the array, so if the close came first, it is ours to
		// give back.
		if (!scope.markHoldsArray()) {
			scope.array = null;
			recycle(array, 0, 0, 0);
			throw usedAfterRelease();
		}
		if (watched != null && watched.tracker != null) {
			watched.tracker.holdingBuffer();
		}
	}

	/**
	 * Releases the array of a scope this thread just closed.
	 * @param stateBefore the scope's state as the closing CAS found it: without
	 * HOLDS_ARRAY there is nothing to release here (no array yet, or one being acquired
	 * that its acquirer gives back)
	 */
	void release(ScopedBuffer scope, int stateBefore) {
		if ((stateBefore & ScratchBuffer.HOLDS_ARRAY) == 0) {
			return;
		}
		// HOLDS_ARRAY was set after the array was stored, and only this close clears it.
		byte[] array = scope.array;
		scope.array = null;
		if (scope instanceof ScopedBuffer.Watched watched && watched.acquiredAt != 0) {
			this.holdTimes.stop(watched.acquiredAt);
		}
		int used = scope.size;
		if (array.length > this.settings.bufferSize()) {
			this.counters.grown();
		}
		// The state the closing CAS found is final: EXPOSED and the cleared bucket can
		// only change while the scope is open.
		int written = ((stateBefore & ScratchBuffer.EXPOSED) != 0) ? array.length
				: Math.min(array.length, Math.max(used, scope.writableLimit));
		recycle(array, used, written, Math.max(UsageHistogram.bucketOf(used), clearedBucket(stateBefore)));
	}

	/**
	 * Gives an array back: to the pool if pooling is on and it is not too large, else to
	 * the garbage collector; counted either way.
	 * @param written the extent that may hold written bytes, from 0
	 */
	private void recycle(byte[] array, int used, int written, int usageBucket) {
		this.counters.usage(used);
		boolean pooled = false;
		boolean pooling = this.poolingEnabled;
		if (pooling && array.length <= this.settings.maxRetainedCapacity()) {
			if (this.settings.zeroOnRelease()) {
				// clear() zeroed what it discarded, so only the content and the free
				// space a writable view handed out can be dirty, unless the array itself
				// was.
				zero(array, written);
			}
			pooled = this.pool.offer(array);
			if (pooled && !this.poolingEnabled) {
				// Pooling was switched off while we offered: retain nothing.
				this.counters.drained(this.pool.drain());
			}
		}
		else if (pooling) {
			this.counters.droppedTooLarge();
		}
		this.counters.released(pooled, usageBucket);
	}

	void afterClear(ScopedBuffer scope, byte[] bytes, int used, int written) {
		if (scope.isUnscoped()) {
			// Never reused by another scope, and not part of the pool's usage statistics.
			return;
		}
		if (this.settings.zeroOnRelease() && (scope.state & ScratchBuffer.EXPOSED) == 0) {
			zero(bytes, written);
		}
		if (used == 0) {
			// Only a writable view's free space was discarded: no content to measure.
			return;
		}
		this.counters.usage(used);
		int bucket = UsageHistogram.bucketOf(used);
		int current;
		do {
			current = scope.state;
			if (clearedBucket(current) >= bucket) {
				return;
			}
		}
		while (!ScratchBuffer.STATE.compareAndSet(scope, current,
				(current & ~ScratchBuffer.CLEARED_BUCKET_MASK) | (bucket << ScratchBuffer.CLEARED_BUCKET_SHIFT)));
	}

	byte[] grow(ScopedBuffer scope, byte[] current, int minCapacity) {
		// The old array goes to the garbage collector, never to the pool: only the
		// scope's final array is accounted for, and only it holds the scope's bytes now.
		byte[] grown = new byte[ScratchBuffer.newCapacity(current.length, minCapacity)];
		System.arraycopy(current, 0, grown, 0, scope.size);
		scope.array = grown;
		// The new array is clean beyond the content; views of the old one write nowhere
		// that counts, and commit() refuses what they wrote.
		scope.writableLimit = 0;
		return grown;
	}

	IllegalStateException usedAfterRelease() {
		return new IllegalStateException("Scratch buffer of '" + this.settings.name() + "' used after its scope "
				+ "ended: its memory may already belong to another scope. Use a buffer only inside the scope "
				+ "(request, try-with-resources block, task) that it came from.");
	}

	/**
	 * Zeroes {@code [0, length)} by copying from a zeroed array: {@code System.arraycopy}
	 * runs the JVM's vectorised copy stubs, while {@code Arrays.fill} is a plain loop
	 * unless the JIT's fill intrinsic is switched on.
	 */
	private static void zero(byte[] array, int length) {
		for (int from = 0; from < length; from += ZEROES.length) {
			System.arraycopy(ZEROES, 0, array, from, Math.min(ZEROES.length, length - from));
		}
	}

	private static int clearedBucket(int state) {
		return (state & ScratchBuffer.CLEARED_BUCKET_MASK) >>> ScratchBuffer.CLEARED_BUCKET_SHIFT;
	}

}
