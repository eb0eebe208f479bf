package io.github.scratchbuffer.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;

import org.jspecify.annotations.Nullable;

/**
 * Watches one scope until it is closed; enqueued by the garbage collector if the scope
 * becomes unreachable first. Holds what a leak report needs, since the scope itself is
 * gone by then.
 */
public final class LeakTracker extends PhantomReference<Object> {

	private final String threadName;

	private final @Nullable Throwable openedAt;

	/**
	 * Set by the scope's thread when it acquires a buffer; read after the scope is
	 * collected.
	 */
	private volatile boolean holdsBuffer;

	LeakTracker(Object scope, ReferenceQueue<Object> queue, String threadName, @Nullable Throwable openedAt) {
		super(scope, queue);
		this.threadName = threadName;
		this.openedAt = openedAt;
	}

	public String threadName() {
		return this.threadName;
	}

	public @Nullable Throwable openedAt() {
		return this.openedAt;
	}

	public boolean holdsBuffer() {
		return this.holdsBuffer;
	}

	public void holdingBuffer() {
		this.holdsBuffer = true;
	}

}
