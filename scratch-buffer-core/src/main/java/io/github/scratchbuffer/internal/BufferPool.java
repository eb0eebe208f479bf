package io.github.scratchbuffer.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * A bounded, lock-free set of idle byte arrays. {@link #poll()} and
 * {@link #offer(byte[])} never block and never wait: an empty pool answers {@code null},
 * a full one {@code false}, and the caller allocates or drops.
 * <p>
 * Invariants: each slot holds {@code null} or one idle array; an array is in at most one
 * slot, and an array in a slot is held by no caller. {@link #poll()} takes ownership with
 * a CAS from the array to {@code null}, so two callers never receive the same array;
 * {@link #offer(byte[])} gives it up with a CAS from {@code null} to the array, so a slot
 * never loses an array. The caller of {@code offer} must own the array (the buffer
 * manager releases each array once). The volatile semantics of the CAS publish the
 * array's contents (zeroed by the releaser) to the next taker. A value seen again after
 * being taken and given back (ABA) is harmless: the CAS only succeeds if that array is
 * idle in that slot at that moment.
 */
public final class BufferPool {

	/**
	 * Slot {@code i} lives at index {@code i * STRIDE}: 16 references span 64 bytes
	 * (compressed oops), so threads working different slots do not share a cache line.
	 */
	private static final int STRIDE = 16;

	private final AtomicReferenceArray<byte[]> slots;

	private final int size;

	/**
	 * Creates a pool.
	 * @param size the most idle arrays the pool holds, 0 for a pool that holds none
	 */
	public BufferPool(int size) {
		if (size < 0) {
			throw new IllegalArgumentException("'size' must not be negative, was " + size);
		}
		this.size = size;
		this.slots = new AtomicReferenceArray<>(Math.max(1, size * STRIDE));
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
			byte[] array = this.slots.get(index);
			if (array != null && this.slots.compareAndSet(index, array, null)) {
				return array;
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
		// Each thread starts its scan at a slot of its own, so it usually takes back the
		// array it gave and two threads rarely meet on a slot.
		int slot = ThreadHash.slot(size);
		for (int i = 0; i < size; i++) {
			int index = slot * STRIDE;
			if (this.slots.get(index) == null && this.slots.compareAndSet(index, null, array)) {
				return true;
			}
			slot = (slot + 1 == size) ? 0 : slot + 1;
		}
		return false;
	}

	/**
	 * Removes every idle array.
	 * @return how many arrays were removed
	 */
	public int drain() {
		int drained = 0;
		for (int slot = 0; slot < this.size; slot++) {
			if (this.slots.getAndSet(slot * STRIDE, null) != null) {
				drained++;
			}
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
			if (this.slots.get(slot * STRIDE) != null) {
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
			byte[] array = this.slots.get(slot * STRIDE);
			if (array != null) {
				bytes += array.length;
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

}
