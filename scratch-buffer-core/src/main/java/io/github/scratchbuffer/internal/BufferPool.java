package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free set of idle byte arrays. {@link #poll()} and
 * {@link #offer(byte[])} never block and never wait: an empty pool answers {@code null},
 * a full one {@code false}, and the caller allocates or drops.
 * <p>
 * Each slot is an {@code int} state and an array reference. Taking and giving back change
 * only the state, with a CAS; the reference stays in the slot after the array is taken,
 * so an array given back to the slot it came from (the usual case: each thread starts its
 * scan at a slot of its own) is published without writing a reference. That matters more
 * than the CAS it replaces: every reference stored into a long-lived object costs a
 * garbage collector barrier, and under Parallel the card mark it writes sits on a cache
 * line shared by the neighbouring slots, which two threads then bounced on every return
 * (the pooled scope cycle ran 2.3 times slower at 2 threads than at 1 until the reference
 * stores went).
 * <p>
 * A state is a kind ({@code EMPTY}, {@code IDLE}, {@code CLAIMED}) and a version, raised
 * by every change, so that a CAS from a state seen earlier fails if anything happened to
 * the slot meanwhile (no ABA). Invariants:
 * <ul>
 * <li>{@code IDLE}: the slot's reference is an idle array that no caller holds. Only a
 * CAS from {@code IDLE} takes it ({@link #poll()}), so two callers never receive the same
 * array.</li>
 * <li>{@code EMPTY}: the slot holds no idle array; its reference is {@code null} or an
 * array a caller took (and may give back here).</li>
 * <li>{@code CLAIMED}: one caller, which moved the slot there by CAS, is changing the
 * reference; it ends the claim with a volatile write. The reference is written only under
 * a claim.</li>
 * </ul>
 * A poller reads the reference between reading {@code IDLE} and its CAS; the CAS succeeds
 * only if the version is unchanged, so the reference it read is the idle array. The
 * caller of {@code offer} must own the array (the buffer manager releases each array
 * once). The CAS that makes a slot {@code IDLE} publishes the array's contents (zeroed by
 * the releaser) to the next taker.
 * <p>
 * A taken array stays referenced by its slot until another array takes the slot's place
 * or {@link #drain()} clears it, so at most {@code size} arrays are kept alive by the
 * pool, idle or not.
 */
public final class BufferPool {

	/**
	 * Slot {@code i}'s state lives at index {@code i * STRIDE}: 16 {@code int}s span 64
	 * bytes, so threads working different slots do not share a cache line.
	 */
	private static final int STRIDE = 16;

	private static final int KIND = 0b11;

	private static final int EMPTY = 0;

	private static final int IDLE = 1;

	private static final int CLAIMED = 2;

	/**
	 * The most slots a pool has, whatever size is asked: 4 MB of states, and a scan that
	 * still ends. A larger pool would never fill anyway: misses scan every slot.
	 */
	public static final int MAX_SIZE = 1 << 16;

	/** What a change adds to a state's version. */
	private static final int VERSION = KIND + 1;

	private final AtomicIntegerArray states;

	/** Written only under a claim; see the class description. */
	private final byte[] @Nullable [] arrays;

	private final int size;

	/**
	 * Creates a pool.
	 * @param size the most idle arrays the pool holds, 0 for a pool that holds none;
	 * capped at {@link #MAX_SIZE}
	 */
	public BufferPool(int size) {
		if (size < 0) {
			throw new IllegalArgumentException("'size' must not be negative, was " + size);
		}
		size = Math.min(size, MAX_SIZE);
		this.size = size;
		this.states = new AtomicIntegerArray(Math.max(1, size * STRIDE));
		this.arrays = new byte[size][];
	}

	/**
	 * Takes an idle array.
	 * @return the array, now owned by the caller, or {@code null} if none is idle
	 */
	public byte @Nullable [] poll() {
		int size = this.size;
		// Each thread starts its scan at a slot of its own, so it usually takes back the
		// array it gave and two threads rarely meet on a slot.
		int slot = ThreadHash.slot(size);
		for (int i = 0; i < size; i++) {
			int index = slot * STRIDE;
			int state = this.states.get(index);
			if ((state & KIND) == IDLE) {
				byte[] array = this.arrays[slot];
				if (this.states.compareAndSet(index, state, next(state, EMPTY))) {
					return array;
				}
			}
			slot = (slot + 1 == size) ? 0 : slot + 1;
		}
		return null;
	}

	/**
	 * Gives an array the caller owns to the pool.
	 * @param array the array
	 * @return {@code true} if the pool took it, {@code false} if the pool is full
	 */
	public boolean offer(byte[] array) {
		int size = this.size;
		int slot = ThreadHash.slot(size);
		for (int i = 0; i < size; i++) {
			int index = slot * STRIDE;
			int state = this.states.get(index);
			if ((state & KIND) == EMPTY) {
				if (this.arrays[slot] == array) {
					// Back where it came from: the reference is already in place, and a
					// change to it would have changed the version.
					if (this.states.compareAndSet(index, state, next(state, IDLE))) {
						return true;
					}
				}
				else if (this.states.compareAndSet(index, state, next(state, CLAIMED))) {
					this.arrays[slot] = array;
					this.states.set(index, next(next(state, CLAIMED), IDLE));
					return true;
				}
			}
			slot = (slot + 1 == size) ? 0 : slot + 1;
		}
		return false;
	}

	/**
	 * Removes every idle array and lets go of the taken ones, so that the pool keeps
	 * nothing alive.
	 * @return how many idle arrays were removed
	 */
	public int drain() {
		int drained = 0;
		for (int slot = 0; slot < this.size; slot++) {
			int index = slot * STRIDE;
			int state;
			while (((state = this.states.get(index)) & KIND) != CLAIMED && this.arrays[slot] != null) {
				if (this.states.compareAndSet(index, state, next(state, CLAIMED))) {
					this.arrays[slot] = null;
					this.states.set(index, next(next(state, CLAIMED), EMPTY));
					if ((state & KIND) == IDLE) {
						drained++;
					}
					break;
				}
			}
			// A claimed slot is being filled by an offer that lands after this drain.
		}
		return drained;
	}

	/**
	 * Counts the idle arrays; a moment's view under concurrent use.
	 * @return the number of idle arrays
	 */
	public int idle() {
		int idle = 0;
		for (int slot = 0; slot < this.size; slot++) {
			if ((this.states.get(slot * STRIDE) & KIND) == IDLE) {
				idle++;
			}
		}
		return idle;
	}

	/**
	 * Adds up the capacity of the idle arrays; a moment's view under concurrent use.
	 * @return the bytes held by idle arrays
	 */
	public long retainedBytes() {
		long bytes = 0;
		for (int slot = 0; slot < this.size; slot++) {
			if ((this.states.get(slot * STRIDE) & KIND) == IDLE) {
				byte[] array = this.arrays[slot];
				if (array != null) {
					bytes += array.length;
				}
			}
		}
		return bytes;
	}

	/**
	 * The most idle arrays this pool holds.
	 * @return the pool's size
	 */
	public int size() {
		return this.size;
	}

	private static int next(int state, int kind) {
		return ((state & ~KIND) + VERSION) | kind;
	}

}
