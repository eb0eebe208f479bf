package io.github.scratchbuffer;

import java.util.Objects;

/**
 * The settings of a {@link BufferManager}, validated when created.
 *
 * @param name a name for statistics, metrics and leak reports
 * @param bufferSize initial capacity of each buffer, in bytes
 * @param maxRetainedCapacity largest buffer the pool keeps, in bytes; a buffer that grew
 * beyond it goes to the garbage collector when its scope closes
 * @param poolingEnabled whether released buffers go back to the pool (can be changed at
 * run time with {@link BufferManager#setPoolingEnabled(boolean)})
 * @param maxPoolSize most idle buffers the pool keeps
 * @param zeroOnRelease whether buffers are zeroed before they are reused, so that no byte
 * written in one scope is readable by a later one
 * @param leakDetection how scopes that are never closed are found
 * @param holdSamplingInterval measure how long one scope in this many held its buffer
 * ({@link BufferPoolStats#hold()}, the {@code bufferpool.hold} timer); 1 measures every
 * scope, 0 none
 * @since 0.1.0
 */
public record BufferManagerSettings(String name, int bufferSize, int maxRetainedCapacity, boolean poolingEnabled,
		int maxPoolSize, boolean zeroOnRelease, LeakDetection leakDetection, int holdSamplingInterval) {

	/**
	 * Measure one scope in 64: a sampled scope reads the clock twice and records into a
	 * histogram and the metrics registry, about 100-200 ns, which one in 64 spreads to a
	 * few nanoseconds per scope, below the pooled cycle's noise.
	 */
	public static final int DEFAULT_HOLD_SAMPLING_INTERVAL = 64;

	public BufferManagerSettings {
		Objects.requireNonNull(name, "'name' must not be null");
		Objects.requireNonNull(leakDetection, "'leakDetection' must not be null");
		if (name.isBlank()) {
			throw new IllegalArgumentException("'name' must not be blank");
		}
		if (bufferSize <= 0 || bufferSize > ScratchBuffer.MAX_CAPACITY) {
			throw new IllegalArgumentException(
					"'bufferSize' must be between 1 and " + ScratchBuffer.MAX_CAPACITY + " bytes, was " + bufferSize);
		}
		if (maxRetainedCapacity < bufferSize || maxRetainedCapacity > ScratchBuffer.MAX_CAPACITY) {
			throw new IllegalArgumentException("'maxRetainedCapacity' must be between 'bufferSize' (" + bufferSize
					+ ") and " + ScratchBuffer.MAX_CAPACITY + " bytes, was " + maxRetainedCapacity);
		}
		if (maxPoolSize < 0) {
			throw new IllegalArgumentException("'maxPoolSize' must not be negative, was " + maxPoolSize);
		}
		if (holdSamplingInterval < 0) {
			throw new IllegalArgumentException(
					"'holdSamplingInterval' must not be negative, was " + holdSamplingInterval);
		}
	}

	/**
	 * The settings with the default hold-time sampling, as before it existed.
	 */
	public BufferManagerSettings(String name, int bufferSize, int maxRetainedCapacity, boolean poolingEnabled,
			int maxPoolSize, boolean zeroOnRelease, LeakDetection leakDetection) {
		this(name, bufferSize, maxRetainedCapacity, poolingEnabled, maxPoolSize, zeroOnRelease, leakDetection,
				DEFAULT_HOLD_SAMPLING_INTERVAL);
	}

	/**
	 * Most bytes the pool can hold in idle buffers.
	 * @return {@code maxPoolSize * maxRetainedCapacity}
	 */
	public long maxRetainedBytes() {
		return (long) this.maxPoolSize * this.maxRetainedCapacity;
	}

}
