package io.github.scratchbuffer.internal;

import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The tracked scopes of one buffer manager. A tracker stays strongly reachable from here
 * until its scope is closed ({@link #untrack}) or found unreachable
 * ({@link #pollUnreachable}), so the garbage collector can enqueue it.
 */
public final class LeakTracking {

	private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

	private final Set<LeakTracker> live = ConcurrentHashMap.newKeySet();

	/**
	 * Starts tracking a scope and record the caller's stack as its opening site.
	 * @param scope the scope
	 * @return the tracker, to pass to {@link #untrack} when the scope closes
	 */
	public LeakTracker track(Object scope) {
		Throwable site = new Throwable("Scratch buffer scope opened here");
		LeakTracker tracker = new LeakTracker(scope, this.queue, Thread.currentThread().getName(), site);
		this.live.add(tracker);
		return tracker;
	}

	public void untrack(LeakTracker tracker) {
		tracker.clear();
		this.live.remove(tracker);
	}

	/**
	 * Hands every tracker whose scope was collected unclosed to {@code action}, once.
	 * @param action what to do with each leak
	 */
	public void pollUnreachable(Consumer<LeakTracker> action) {
		LeakTracker tracker;
		while ((tracker = (LeakTracker) this.queue.poll()) != null) {
			if (this.live.remove(tracker)) {
				action.accept(tracker);
			}
		}
	}

}
