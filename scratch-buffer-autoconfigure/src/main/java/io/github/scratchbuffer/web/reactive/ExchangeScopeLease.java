package io.github.scratchbuffer.web.reactive;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;

/**
 * Keeps an exchange's scope open while its buffer is still being written: the exchange
 * holds one reference until it completes, fails or is cancelled, and every response body
 * handed to the server over the buffer's memory holds one until the server lets go of it.
 * The scope closes when the last reference goes, so a buffer never goes back to the pool
 * (and is never zeroed and reused) while a server may still read from it: finishing the
 * exchange's publisher does not prove that (Reactor Netty completes a write it was handed
 * from another thread before it has copied the bytes).
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public final class ExchangeScopeLease {

	/**
	 * References held: the exchange's own, plus one per body still with the server.
	 * Invariant: once it reaches 0 it stays 0 ({@link #retain()} never revives it), so
	 * the scope closes exactly once, after the last reference went.
	 */
	private final AtomicInteger references = new AtomicInteger(1);

	private final BufferScope scope;

	ExchangeScopeLease(BufferScope scope) {
		this.scope = scope;
	}

	/**
	 * Whether {@code buffer} is this exchange's buffer, which the lease keeps alive.
	 * @param buffer a buffer about to be written
	 * @return {@code true} if releasing this lease is what releases the buffer
	 */
	public boolean covers(ScratchBuffer buffer) {
		return this.scope.isOpen() && this.scope.buffer() == buffer;
	}

	/**
	 * Takes a reference for a body handed to the server.
	 * @return {@code false} if the scope has already closed
	 */
	public boolean retain() {
		int current;
		do {
			current = this.references.get();
			if (current == 0) {
				return false;
			}
		}
		while (!this.references.compareAndSet(current, current + 1));
		return true;
	}

	/**
	 * Gives a reference back; the last one closes the scope. Safe from any thread.
	 */
	public void release() {
		if (this.references.decrementAndGet() == 0) {
			this.scope.close();
		}
	}

}
