package io.github.scratchbuffer.internal;

/**
 * Spreads threads over the slots of the pool and the stripes of the counters without any
 * per-thread state (virtual threads would never reuse it): a multiplicative (Fibonacci)
 * hash of the thread's id, which sends consecutive ids — a server's worker threads — as
 * far apart as possible.
 */
final class ThreadHash {

	private ThreadHash() {
	}

	/**
	 * Maps the calling thread onto {@code [0, size)} by multiply-shift, without a
	 * division.
	 * @param size the number of slots, at least 1
	 * @return the calling thread's slot
	 */
	// Thread.threadId() is JDK 19+; this library targets 17.
	@SuppressWarnings("deprecation")
	static int slot(int size) {
		int hash = (int) Thread.currentThread().getId() * 0x9E3779B9;
		return (int) (((hash & 0xFFFFFFFFL) * size) >>> 32);
	}

}
