package io.github.scratchbuffer;

/**
 * Turns what scopes used into one sentence an operator can act on: which setting to
 * change, to what, and the measurement that says so. The first rule that applies wins,
 * most costly waste first:
 * <ol>
 * <li>buffers dropped for being too large to retain (each one is a fresh allocation of a
 * large array next time): raise {@code max-retained-size};</li>
 * <li>buffers that grew past {@code buffer-size} (each growth copies the buffer): raise
 * {@code buffer-size} to cover the 99th percentile;</li>
 * <li>buffers far larger than scopes need (retained memory for nothing): lower
 * {@code buffer-size};</li>
 * <li>otherwise: keep it.</li>
 * </ol>
 * Thresholds are deliberately coarse: advice should not flip with every few requests.
 */
final class SizingAdvice {

	/** Fewer samples than this say too little about a workload. */
	static final long MIN_SAMPLES = 100;

	/** Share of scopes dropped as too large from which raising the limit pays. */
	private static final double DROPPED_TOO_LARGE_THRESHOLD = 0.05;

	/** Share of scopes that grew from which raising the buffer size pays. */
	private static final double GROWN_THRESHOLD = 0.10;

	/** Smallest buffer size ever recommended. */
	private static final long MIN_RECOMMENDED = 1024;

	private SizingAdvice() {
	}

	static String recommend(BufferManagerSettings settings, long samples, long p99, long max, long recommended,
			long grown, long droppedTooLarge) {
		if (samples < MIN_SAMPLES) {
			return "Too few samples to recommend a size yet (" + samples + " of " + MIN_SAMPLES + ").";
		}
		long bufferSize = settings.bufferSize();
		long maxRetained = settings.maxRetainedCapacity();
		if ((double) droppedTooLarge / samples >= DROPPED_TOO_LARGE_THRESHOLD) {
			return "Raise max-retained-size to " + format(limitToArray(PoolStatistics.ceilingPowerOfTwo(max))) + ": "
					+ percent(droppedTooLarge, samples) + " of scopes grew past " + format(maxRetained)
					+ " and their buffers were dropped instead of pooled.";
		}
		if ((double) grown / samples >= GROWN_THRESHOLD) {
			long size = limitToArray(Math.max(recommended, MIN_RECOMMENDED));
			String also = (size > maxRetained) ? " (and max-retained-size to at least " + format(size) + ")" : "";
			return "Raise buffer-size to " + format(size) + also + ": " + percent(grown, samples)
					+ " of scopes grew past " + format(bufferSize) + ".";
		}
		if (bufferSize > MIN_RECOMMENDED && p99 <= bufferSize / 4) {
			return "Lower buffer-size to " + format(Math.max(recommended, MIN_RECOMMENDED))
					+ ": 99% of scopes used at most " + format(p99) + ", a quarter or less of " + format(bufferSize)
					+ ".";
		}
		return "Keep buffer-size " + format(bufferSize) + ": " + percent(samples - grown, samples)
				+ " of scopes fit in it.";
	}

	/** Sizes the way Spring Boot properties are written: 512B, 16KB, 2MB. */
	static String format(long bytes) {
		if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
			return (bytes / (1024 * 1024)) + "MB";
		}
		if (bytes >= 1024 && bytes % 1024 == 0) {
			return (bytes / 1024) + "KB";
		}
		return bytes + "B";
	}

	private static String percent(long part, long whole) {
		long percent = Math.round(100.0 * part / whole);
		return ((percent == 0 && part > 0) ? "<1" : Long.toString(percent)) + "%";
	}

	private static long limitToArray(long size) {
		return Math.min(size, ScratchBuffer.MAX_CAPACITY);
	}

}
