package io.github.scratchbuffer;

import io.github.scratchbuffer.internal.LeakTracker;
import org.jspecify.annotations.Nullable;

/**
 * A scope and its buffer in one object, so that a scope costs a single small allocation.
 * The buffer's memory (the array) is acquired lazily and released when the scope closes;
 * the bookkeeping is its manager's: arrays in and out in {@link BufferRecycler}, the
 * scope's end in {@link ScopeLifecycle}.
 * <p>
 * Scope objects are never reused. Whoever still holds a closed scope or its buffer must
 * get an error, not the next scope's bytes, and only a new object per scope tells the two
 * apart. That allocation is the largest single cost of the pooled cycle under the
 * collectors (about a quarter of it on G1, and most of ZGC's unsteadiness: see
 * {@code benchmarks/README.md}); it is the price of that guarantee.
 */
class ScopedBuffer extends ScratchBuffer implements BufferScope {

	/** What {@link #markClosed()} returns when this call did not close the scope. */
	static final int NOT_CLOSED_HERE = -1;

	final BufferManager manager;

	/** The chain of the thread that opened this scope. */
	final ScopeChain chain;

	ScopedBuffer(BufferManager manager, ScopeChain chain) {
		this.manager = manager;
		this.chain = chain;
	}

	@Override
	public ScratchBuffer buffer() {
		if (this.array == null) {
			this.manager.recycler.acquire(this);
		}
		checkOpen();
		return this;
	}

	@Override
	public boolean isOpen() {
		return !isClosed();
	}

	@Override
	public void detach() {
		this.manager.lifecycle.detach(this);
	}

	@Override
	public void close() {
		this.manager.lifecycle.close(this);
	}

	@Override
	void afterClear(byte[] bytes, int used, int written) {
		this.manager.recycler.afterClear(this, bytes, used, written);
	}

	@Override
	IllegalStateException usedAfterRelease() {
		return this.manager.recycler.usedAfterRelease();
	}

	@Override
	byte[] grow(byte[] current, int minCapacity) {
		return this.manager.recycler.grow(this, current, minCapacity);
	}

	/**
	 * Marks the scope closed.
	 * @return the state just before, if this call closed it; {@link #NOT_CLOSED_HERE} if
	 * it was already closed or can never close (an unscoped buffer)
	 */
	final int markClosed() {
		int current;
		do {
			current = this.state;
			if ((current & (CLOSED | UNSCOPED)) != 0) {
				return NOT_CLOSED_HERE;
			}
		}
		while (!STATE.compareAndSet(this, current, current | CLOSED));
		return current;
	}

	/**
	 * Publishes the array just stored in {@link #array} to whichever thread will close
	 * the scope.
	 * @return {@code false} if the scope was closed first: its closer saw no array, so
	 * the caller still owns it
	 */
	final boolean markHoldsArray() {
		int current;
		do {
			current = this.state;
			if ((current & CLOSED) != 0) {
				return false;
			}
		}
		while (!STATE.compareAndSet(this, current, current | HOLDS_ARRAY));
		return true;
	}

	final boolean isUnscoped() {
		return (this.state & UNSCOPED) != 0;
	}

	@Nullable LeakTracker tracker() {
		return null;
	}

	@Override
	public String toString() {
		return "BufferScope of '" + this.manager.name() + "' (" + (isClosed() ? "closed" : "open") + ")";
	}

	/**
	 * A scope sampled for leak tracking, hold timing or both. Kept apart so that the
	 * other scopes, nearly all of them, carry neither field: 40 bytes instead of 48 with
	 * compressed references, one allocated per scope.
	 */
	static final class Watched extends ScopedBuffer {

		/** {@link #acquiredAt} of a timed scope that has not acquired its buffer yet. */
		static final long TIME_ON_ACQUIRE = 1;

		/** The scope's leak tracker, or {@code null} if it is not tracked. */
		@Nullable LeakTracker tracker;

		/**
		 * 0 if this scope's hold is not timed. For a timed scope,
		 * {@link #TIME_ON_ACQUIRE} until it acquires its buffer, then the clock's reading
		 * at that moment: written before {@link #markHoldsArray()} publishes the array,
		 * read by the closer that finds it, as the array is.
		 */
		long acquiredAt;

		Watched(BufferManager manager, ScopeChain chain) {
			super(manager, chain);
		}

		@Override
		@Nullable LeakTracker tracker() {
			return this.tracker;
		}

	}

}
