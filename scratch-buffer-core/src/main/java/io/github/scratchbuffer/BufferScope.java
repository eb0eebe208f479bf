package io.github.scratchbuffer;

/**
 * A unit of work that owns at most one {@link ScratchBuffer}. Open it with
 * {@link BufferManager#openScope()} in a {@code try}-with-resources block: closing it is
 * the one place its buffer goes back, to the pool or to the garbage collector.
 * <p>
 * {@link #close()} is idempotent and may be called from any thread, so work that ends on
 * another thread (an async request) can close the scope it started on.
 *
 * @since 0.1.0
 */
public interface BufferScope extends AutoCloseable {

	/**
	 * The scope's buffer, acquired on first call; the same object for the scope's
	 * lifetime.
	 * @return the buffer
	 * @throws IllegalStateException if the scope is closed
	 */
	ScratchBuffer buffer();

	/**
	 * Whether the scope is still open.
	 * @return {@code true} until the scope is closed
	 */
	boolean isOpen();

	/**
	 * Takes the scope off the thread that opened it without closing it, so that the
	 * thread can go on to other work while the scope stays open, to be closed later from
	 * any thread (an async request whose first dispatch has returned). The thread's
	 * enclosing scope becomes current again; scopes opened inside this one and still open
	 * are closed as leaks. The buffer stays usable through {@link #buffer()}. Does
	 * nothing if the scope is closed or already detached.
	 * @throws IllegalStateException if called on another thread than the one that opened
	 * it
	 */
	void detach();

	/**
	 * Ends the scope and releases its buffer; inner scopes still open on this thread are
	 * closed first and reported as leaks. Calling it again has no effect.
	 */
	@Override
	void close();

}
