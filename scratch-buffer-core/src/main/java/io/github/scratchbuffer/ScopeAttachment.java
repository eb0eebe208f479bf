package io.github.scratchbuffer;

/**
 * A scope made current on a thread other than the one that opened it, by
 * {@link BufferManager#attach(BufferScope)}. Closing the attachment takes the scope off
 * that thread again without closing the scope.
 *
 * @since 0.1.0
 */
public interface ScopeAttachment extends AutoCloseable {

	/**
	 * Takes the scope off the thread it was attached to; scopes that thread opened inside
	 * it and left open are closed as leaks. Idempotent; must be called on the thread that
	 * attached.
	 */
	@Override
	void close();

}
