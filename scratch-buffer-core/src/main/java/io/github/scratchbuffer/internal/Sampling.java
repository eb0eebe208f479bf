package io.github.scratchbuffer.internal;

/**
 * Sampling decisions from a random number the caller already drew (one per scope, from
 * its thread's chain), so that deciding costs a multiplication rather than a
 * {@code ThreadLocalRandom} draw of its own.
 */
public final class Sampling {

	private Sampling() {
	}

	/**
	 * Whether a draw picks one case in {@code interval}.
	 * @param interval pick one in this many; 1 picks every case, 0 (or less) none
	 * @param draw 32 uniformly random bits
	 * @return {@code true} with probability {@code 1 / interval}
	 */
	public static boolean oneIn(int interval, int draw) {
		if (interval <= 1) {
			return interval == 1;
		}
		// Multiply-shift maps the draw onto [0, interval) without a division.
		return (((draw & 0xFFFFFFFFL) * interval) >>> 32) == 0;
	}

}
