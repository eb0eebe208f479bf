package io.github.scratchbuffer;

/**
 * Told how long a sampled scope held its buffer, from acquisition to release; what a
 * metrics registry records as {@code bufferpool.hold}. Called on the thread that closed
 * the scope, on the hot path of one scope in
 * {@link BufferManagerSettings#holdSamplingInterval()}: keep it quick and never throw.
 *
 * @since 0.1.0
 * @see BufferManager#addHoldTimeListener(HoldTimeListener)
 */
@FunctionalInterface
public interface HoldTimeListener {

	/**
	 * Called once per sampled scope that released a buffer.
	 * @param nanos how long the scope held its buffer, in nanoseconds
	 */
	void onHold(long nanos);

}
