package io.github.scratchbuffer;

import io.github.scratchbuffer.internal.LeakTracker;
import io.github.scratchbuffer.internal.LeakTracking;
import io.github.scratchbuffer.internal.PoolCounters;
import io.github.scratchbuffer.internal.Sampling;

/**
 * Finds and reports scopes that end without being closed: decides which new scopes are
 * tracked (none, one in {@link LeakDetection#SAMPLING_INTERVAL}, or all), counts each
 * leak once and tells the {@link LeakListener}. A listener that throws is ignored: the
 * scope that found the leak still closes, and the leak is still counted.
 */
final class LeakReporter {

	private final String name;

	private final LeakDetection detection;

	private final LeakListener listener;

	private final PoolCounters counters;

	private final LeakTracking tracking = new LeakTracking();

	LeakReporter(BufferManagerSettings settings, LeakListener listener, PoolCounters counters) {
		this.name = settings.name();
		this.detection = settings.leakDetection();
		this.listener = listener;
		this.counters = counters;
	}

	/**
	 * Whether a new scope is tracked: the leak detection mode's pick.
	 * @param draw 32 random bits drawn for the scope
	 */
	boolean picks(int draw) {
		return this.detection == LeakDetection.PARANOID
				|| (this.detection == LeakDetection.SAMPLED && Sampling.oneIn(LeakDetection.SAMPLING_INTERVAL, draw));
	}

	/** Starts tracking a new scope that {@link #picks(int)} chose. */
	void track(ScopedBuffer.Watched scope) {
		processUnreachableScopes();
		scope.tracker = this.tracking.track(scope);
	}

	/** Stops watching a scope that closed. */
	void closed(ScopedBuffer scope) {
		LeakTracker tracker = scope.tracker();
		if (tracker != null) {
			this.tracking.untrack(tracker);
		}
	}

	/** Reports a scope closed as a leak by the end of the scope it was opened in. */
	void leaked(ScopedBuffer scope, LeakReport.Kind kind) {
		this.counters.leak();
		LeakTracker tracker = scope.tracker();
		String threadName = (tracker != null) ? tracker.threadName() : Thread.currentThread().getName();
		report(new LeakReport(this.name, kind, threadName, (tracker != null) ? tracker.openedAt() : null));
	}

	/** Reports the tracked scopes found unreachable since the last look. */
	void processUnreachableScopes() {
		this.tracking.pollUnreachable((tracker) -> {
			this.counters.leak();
			if (tracker.holdsBuffer()) {
				// The buffer went to the garbage collector with its scope.
				this.counters.droppedUnmeasured();
			}
			report(new LeakReport(this.name, LeakReport.Kind.UNREACHABLE, tracker.threadName(), tracker.openedAt()));
		});
	}

	private void report(LeakReport report) {
		try {
			this.listener.onLeak(report);
		}
		catch (RuntimeException ex) {
			// A failing listener must not break the closing scope; the leak is counted.
		}
	}

}
