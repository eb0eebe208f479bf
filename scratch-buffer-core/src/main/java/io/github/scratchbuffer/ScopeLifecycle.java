package io.github.scratchbuffer;

/**
 * How scopes end: closed (once, by whichever thread's CAS sets {@code CLOSED} first),
 * detached from the chain of the thread that opened them, or taken off a chain they were
 * attached to. A thread's chain is only ever changed by that thread; a scope closed from
 * elsewhere stays in its opener's chain until the opener next looks, and is dropped then.
 * Scopes still open inside one that is taken off the chain are closed as leaks.
 */
final class ScopeLifecycle {

	private final String name;

	private final BufferRecycler recycler;

	private final LeakReporter leaks;

	ScopeLifecycle(String name, BufferRecycler recycler, LeakReporter leaks) {
		this.name = name;
		this.recycler = recycler;
		this.leaks = leaks;
	}

	void close(ScopedBuffer scope) {
		int stateBefore = scope.markClosed();
		if (stateBefore == ScopedBuffer.NOT_CLOSED_HERE) {
			return;
		}
		unbind(scope);
		release(scope, stateBefore);
	}

	void detach(ScopedBuffer scope) {
		if (scope.isClosed()) {
			return;
		}
		if (!scope.chain.isOwnedByCurrentThread()) {
			throw new IllegalStateException(
					"A scope of '" + this.name + "' can only be detached on the thread that opened it ('"
							+ scope.chain.owner.getName() + "'), not on '" + Thread.currentThread().getName() + "'");
		}
		unbind(scope);
	}

	/**
	 * The attachment of a scope just pushed on {@code chain}, the calling thread's.
	 */
	ScopeAttachment attachment(ScopeChain chain, ScopedBuffer scope) {
		return new Attachment(chain, scope);
	}

	/**
	 * On the thread that opened the scope: closes the scopes opened inside it that are
	 * still open (leaks) and removes it from the chain. A scope closed from another
	 * thread is left in its opener's chain, which only the opener may touch, and is
	 * dropped there on the next look.
	 */
	private void unbind(ScopedBuffer scope) {
		if (scope.chain.isOwnedByCurrentThread()) {
			removeFromChain(scope.chain, scope);
		}
	}

	/**
	 * Removes a scope from a chain, with whatever stands above it: scopes the chain's
	 * thread opened are closed as leaks, scopes attached from elsewhere are only taken
	 * off.
	 */
	private void removeFromChain(ScopeChain chain, ScopedBuffer scope) {
		if (chain.popIfInnermost(scope)) {
			return;
		}
		int index = chain.indexOf(scope);
		if (index < 0) {
			return;
		}
		ScopedBuffer inner;
		while ((inner = chain.popAbove(index)) != null) {
			int stateBefore;
			if (inner.chain == chain && (stateBefore = inner.markClosed()) != ScopedBuffer.NOT_CLOSED_HERE) {
				this.leaks.leaked(inner, LeakReport.Kind.UNCLOSED_INNER_SCOPE);
				release(inner, stateBefore);
			}
		}
		chain.truncate(index);
	}

	/**
	 * Stops watching a scope this thread just closed and releases its array.
	 * @param stateBefore the scope's state as the closing CAS found it
	 */
	private void release(ScopedBuffer scope, int stateBefore) {
		this.leaks.closed(scope);
		this.recycler.release(scope, stateBefore);
	}

	/**
	 * A scope attached to a thread's chain; only that thread closes it.
	 */
	private final class Attachment implements ScopeAttachment {

		private final ScopeChain chain;

		private final ScopedBuffer scope;

		private boolean closed;

		Attachment(ScopeChain chain, ScopedBuffer scope) {
			this.chain = chain;
			this.scope = scope;
		}

		@Override
		public void close() {
			if (this.closed) {
				return;
			}
			if (!this.chain.isOwnedByCurrentThread()) {
				throw new IllegalStateException("A scope attachment of '" + ScopeLifecycle.this.name
						+ "' must be closed on the thread that attached it ('" + this.chain.owner.getName() + "')");
			}
			this.closed = true;
			removeFromChain(this.chain, this.scope);
		}

	}

}
