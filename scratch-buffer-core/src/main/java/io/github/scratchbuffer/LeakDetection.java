package io.github.scratchbuffer;

/**
 * How much a {@link BufferManager} spends on finding scopes that were never closed.
 * <p>
 * Whatever the mode, a scope left open inside an enclosing scope is closed and counted
 * when the enclosing scope closes. The modes differ in which scopes are tracked until
 * they are closed or become unreachable, and so whose opening site a {@link LeakReport}
 * can name.
 *
 * @since 0.1.0
 */
public enum LeakDetection {

	/** Track no scope: unreachable unclosed scopes stay counted as active. */
	OFF,

	/**
	 * Track about one scope in {@value #SAMPLING_INTERVAL}, recording where it was
	 * opened.
	 */
	SAMPLED,

	/** Track every scope and record where it was opened; for tests and debugging. */
	PARANOID;

	/** One scope in this many is tracked in {@link #SAMPLED} mode. */
	public static final int SAMPLING_INTERVAL = 1024;

}
