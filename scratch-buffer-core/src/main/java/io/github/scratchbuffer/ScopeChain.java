package io.github.scratchbuffer;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * One thread's open scopes of one manager, as a stack whose top lives in a field, plus
 * the thread's unscoped buffer. Only its owner thread reads or writes it. Every scope
 * points back to the chain it was opened on, so closing a scope finds its chain without a
 * {@code ThreadLocal} lookup.
 * <p>
 * The chain holds no reference to its manager: it lives in each thread's
 * {@code ThreadLocal} map, and a reference back to the manager (and so to the
 * {@code ThreadLocal} itself) would keep a discarded manager alive as long as the thread.
 * Popped entries are cleared, so a closed scope is never retained either.
 * <p>
 * Opening and closing a scope write {@link #top} and {@link #depth} on every request. The
 * garbage collector may move two threads' chains next to each other, so those fields sit
 * between two cache lines of padding (superclass fields are laid out first): without it,
 * two threads would bounce one cache line on every scope and the pooled scope cycle
 * slowed down about fourfold at 2 threads in the benchmarks.
 * <p>
 * Padding cannot keep apart what the collector writes for us: under Parallel (and
 * Serial), storing the new scope in {@link #top} marks the chain's card, one byte per 512
 * bytes of heap, on every scope. Chains promoted together usually land within the 32 KiB
 * whose cards share one cache line, and two threads then bounce that line (7 forks in 8
 * in the benchmarks). {@code -XX:+UseCondCardMark} makes the JVM mark a card only if it
 * is clean, which removes that; README recommends it to Parallel users.
 */
final class ScopeChain extends ScopeChainFields {

	long p10, p11, p12, p13, p14, p15, p16, p17;

	boolean isOwnedByCurrentThread() {
		return this.owner == Thread.currentThread();
	}

	/**
	 * A random number for the sampling decisions of a scope opened on this chain (leak
	 * tracking, hold timing): xorshift64 on a field only this thread touches, where a
	 * {@code ThreadLocalRandom} draw per decision cost several times as much.
	 * @return 64 random bits
	 */
	long nextDraw() {
		long x = this.draws;
		x ^= x << 13;
		x ^= x >>> 7;
		x ^= x << 17;
		this.draws = x;
		return x;
	}

	void push(ScopedBuffer scope) {
		int depth = this.depth;
		if (depth > 0) {
			if (depth > this.outer.length) {
				this.outer = Arrays.copyOf(this.outer, Math.max(4, depth * 2));
			}
			this.outer[depth - 1] = this.top;
		}
		this.top = scope;
		this.depth = depth + 1;
	}

	/**
	 * The innermost open scope, first dropping any closed from another thread.
	 * @return the scope, or {@code null} if none is open
	 */
	@Nullable ScopedBuffer innermostOpen() {
		ScopedBuffer top;
		while ((top = this.top) != null) {
			if (!top.isClosed()) {
				return top;
			}
			pop();
		}
		return null;
	}

	/**
	 * Removes the scope if it is the innermost one: how scopes close almost always.
	 * @param scope the scope
	 * @return whether it was innermost and is now removed
	 */
	boolean popIfInnermost(ScopedBuffer scope) {
		if (this.top == scope) {
			pop();
			return true;
		}
		return false;
	}

	/**
	 * Where a scope stands in this chain (0 is the outermost), searching from the
	 * innermost.
	 * @param scope the scope
	 * @return its index, or -1 if it is not in the chain
	 */
	int indexOf(ScopedBuffer scope) {
		if (this.top == scope) {
			return this.depth - 1;
		}
		for (int i = this.depth - 2; i >= 0; i--) {
			if (this.outer[i] == scope) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Removes the innermost scope if it stands above {@code index}.
	 * @param index the index of an enclosing scope
	 * @return the removed scope, or {@code null} once the scope at {@code index} is
	 * innermost
	 */
	@Nullable ScopedBuffer popAbove(int index) {
		if (this.depth - 1 <= index) {
			return null;
		}
		ScopedBuffer top = this.top;
		pop();
		return top;
	}

	/**
	 * Removes the scopes from {@code index} up.
	 * @param index the new depth
	 */
	void truncate(int index) {
		while (this.depth > index) {
			pop();
		}
	}

	private void pop() {
		int depth = this.depth - 1;
		this.depth = depth;
		if (depth == 0) {
			this.top = null;
		}
		else {
			this.top = this.outer[depth - 1];
			this.outer[depth - 1] = null;
		}
	}

}

/**
 * A cache line of padding before the chain's fields. The {@code int} fills the 4-byte gap
 * that the 12-byte object header leaves before the first {@code long}: the JVM fills such
 * gaps with the first small field it can, and without this one it put the chain's
 * {@code depth}, written on every scope, there, in front of the padding and on the same
 * cache line as whatever object precedes the chain in memory.
 */
abstract class ScopeChainPadding {

	int p0;

	long p00, p01, p02, p03, p04, p05, p06, p07;

}

/** A {@link ScopeChain}'s state; see its description for the padding around it. */
abstract class ScopeChainFields extends ScopeChainPadding {

	private static final ScopedBuffer[] NO_SCOPES = {};

	final Thread owner = Thread.currentThread();

	@Nullable ScopedBuffer top;

	int depth;

	/**
	 * Scopes below the top: {@code outer[i]} is the scope at index {@code i}. Starts as
	 * one shared empty array, so that a thread that never nests scopes (a virtual thread
	 * per request) allocates none.
	 */
	@Nullable ScopedBuffer[] outer = NO_SCOPES;

	/**
	 * The buffer for code running outside any scope; created on first use, kept for the
	 * thread's life.
	 */
	@Nullable ScopedBuffer unscoped;

	/** The state of {@link ScopeChain#nextDraw()}: never 0. */
	long draws = ThreadLocalRandom.current().nextLong() | 1;

}
