package io.github.scratchbuffer;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * One thread's open scopes of one manager, as a stack, plus the thread's unscoped buffer. Only
 * its owner thread reads or writes it. Every scope points back to the chain it was opened on, so
 * closing a scope finds its chain without a {@code ThreadLocal} lookup.
 * <p>
 * The chain deliberately holds no reference to its manager: it lives in each thread's
 * {@code ThreadLocal} map, and a reference back to the manager (and so to the
 * {@code ThreadLocal} itself) would keep a discarded manager alive as long as the thread. Popped
 * slots are cleared, so a closed scope is never retained either.
 */
final class ScopeChain {

	final Thread owner = Thread.currentThread();

	private @Nullable ScopedBuffer[] open = new ScopedBuffer[4];

	private int depth;

	/** The buffer for code running outside any scope; created on first use, kept for the thread's life. */
	@Nullable ScopedBuffer unscoped;

	boolean isOwnedByCurrentThread() {
		return this.owner == Thread.currentThread();
	}

	void push(ScopedBuffer scope) {
		if (this.depth == this.open.length) {
			this.open = Arrays.copyOf(this.open, this.depth * 2);
		}
		this.open[this.depth++] = scope;
	}

	/**
	 * The innermost open scope, first dropping any closed from another thread.
	 * @return the scope, or {@code null} if none is open
	 */
	@Nullable ScopedBuffer innermostOpen() {
		while (this.depth > 0) {
			ScopedBuffer top = this.open[this.depth - 1];
			if (top != null && !top.isClosed()) {
				return top;
			}
			this.open[--this.depth] = null;
		}
		return null;
	}

	/**
	 * Removes the scope if it is the innermost one: how scopes close almost always.
	 * @param scope the scope
	 * @return whether it was innermost and is now removed
	 */
	boolean popIfInnermost(ScopedBuffer scope) {
		int top = this.depth - 1;
		if (top >= 0 && this.open[top] == scope) {
			this.open[top] = null;
			this.depth = top;
			return true;
		}
		return false;
	}

	/**
	 * Where a scope stands in this chain, searching from the innermost.
	 * @param scope the scope
	 * @return its index, or -1 if it is not in the chain
	 */
	int indexOf(ScopedBuffer scope) {
		for (int i = this.depth - 1; i >= 0; i--) {
			if (this.open[i] == scope) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Removes the innermost scope if it stands above {@code index}.
	 * @param index the index of an enclosing scope
	 * @return the removed scope, or {@code null} once the scope at {@code index} is innermost
	 */
	@Nullable ScopedBuffer popAbove(int index) {
		if (this.depth - 1 <= index) {
			return null;
		}
		ScopedBuffer top = this.open[--this.depth];
		this.open[this.depth] = null;
		return top;
	}

	/**
	 * Removes the scopes from {@code index} up.
	 * @param index the new depth
	 */
	void truncate(int index) {
		Arrays.fill(this.open, index, this.depth, null);
		this.depth = index;
	}

}
