package io.github.scratchbuffer;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

import io.github.scratchbuffer.internal.HoldTimes;
import io.github.scratchbuffer.internal.PoolCounters;
import org.jspecify.annotations.Nullable;

/**
 * Hands out scratch buffers that belong to scopes: a request, a
 * {@code try}-with-resources block, a task. Create one per application with
 * {@link #builder()}; it is thread-safe.
 * <p>
 * {@link #current()} returns the buffer of the innermost scope open on the calling
 * thread, acquiring it on first use, and always the same object within one scope. Closing
 * the scope is the one place the buffer goes back: to the pool when pooling is on, the
 * pool has room and the buffer did not grow past the maximum retained capacity, otherwise
 * to the garbage collector. Acquiring never blocks and never fails: an empty pool means a
 * newly allocated buffer.
 * <p>
 * Code that calls {@link #current()} outside any scope gets a buffer bound to its thread
 * for the thread's lifetime. It is never taken from or given to the pool, so it cannot
 * deplete it, and is counted in {@link BufferPoolStats#unscoped()}.
 * <p>
 * Inside, each job has a class of its own: this one finds the calling thread's scope and
 * holds the public API; {@code BufferRecycler} takes arrays from the pool and gives them
 * back (the hot path); {@code ScopeLifecycle} closes, detaches and attaches scopes;
 * {@code LeakReporter} finds and reports leaked scopes; {@code PoolStatistics} assembles
 * {@link #stats()}.
 *
 * @since 0.1.0
 */
public final class BufferManager {

	private final BufferManagerSettings settings;

	/**
	 * Each thread's open scopes. This is the scope context, not a buffer cache: a scope
	 * is pushed when it opens and popped when it closes, so a chain holds nothing once
	 * its thread's work is done (but for an unscoped buffer, which is bound to the thread
	 * on purpose).
	 */
	private final ThreadLocal<ScopeChain> chains = ThreadLocal.withInitial(ScopeChain::new);

	/** Arrays in and out: the hot path of every scope that uses its buffer. */
	final BufferRecycler recycler;

	/** Closing, detaching and attaching scopes on threads' chains. */
	final ScopeLifecycle lifecycle;

	private final LeakReporter leaks;

	private final PoolStatistics statistics;

	private final HoldTimes holdTimes;

	private BufferManager(BufferManagerSettings settings, LeakListener leakListener, LongSupplier ticker) {
		this.settings = settings;
		PoolCounters counters = new PoolCounters();
		this.holdTimes = new HoldTimes(settings.holdSamplingInterval(), ticker);
		this.recycler = new BufferRecycler(settings, counters, this.holdTimes);
		this.leaks = new LeakReporter(settings, leakListener, counters);
		this.lifecycle = new ScopeLifecycle(settings.name(), this.recycler, this.leaks);
		this.statistics = new PoolStatistics(settings, counters, this.recycler, this.holdTimes);
	}

	/**
	 * A builder with the defaults: 64 KiB buffers, 1 MiB maximum retained capacity,
	 * pooling off, 64 pooled buffers at most, zero-on-release on, sampled leak detection,
	 * hold times measured on one scope in 64.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The buffer of the innermost scope open on the calling thread, acquired on first
	 * use. Outside any scope, a buffer bound to the calling thread (see the class
	 * description).
	 * @return the buffer; the same object for the whole scope
	 */
	public ScratchBuffer current() {
		ScopeChain chain = this.chains.get();
		ScopedBuffer scope = chain.innermostOpen();
		if (scope == null) {
			scope = unscoped(chain);
		}
		if (scope.array == null) {
			this.recycler.acquire(scope);
		}
		return scope;
	}

	/**
	 * The innermost scope open on the calling thread, whether opened or attached here;
	 * what context propagation captures to carry to another thread.
	 * @return the scope, or {@code null} outside any scope
	 */
	public @Nullable BufferScope currentScope() {
		return this.chains.get().innermostOpen();
	}

	/**
	 * Empties the current scope's buffer; its identity and capacity stay. Does nothing if
	 * the scope has not asked for its buffer yet. Behaves the same with pooling on and
	 * off.
	 */
	public void clear() {
		ScopeChain chain = this.chains.get();
		ScopedBuffer scope = chain.innermostOpen();
		if (scope == null) {
			scope = chain.unscoped;
		}
		if (scope != null && scope.array != null) {
			scope.clear();
		}
	}

	/**
	 * Opens a scope nested in the calling thread's innermost one; close it with
	 * {@code try}-with-resources. No buffer is acquired until it is asked for.
	 * @return the new scope, now innermost on this thread
	 */
	public BufferScope openScope() {
		ScopeChain chain = this.chains.get();
		// Drop scopes closed from other threads first: they never pile up under this one.
		chain.innermostOpen();
		// One draw decides both samplings: leak tracking from its low half, hold timing
		// from its high half.
		long draw = chain.nextDraw();
		boolean tracked = this.leaks.picks((int) draw);
		boolean timed = this.holdTimes.isSampled((int) (draw >>> 32));
		ScopedBuffer scope = (tracked || timed) ? watched(chain, tracked, timed) : new ScopedBuffer(this, chain);
		chain.push(scope);
		return scope;
	}

	private ScopedBuffer watched(ScopeChain chain, boolean tracked, boolean timed) {
		ScopedBuffer.Watched scope = new ScopedBuffer.Watched(this, chain);
		if (timed) {
			scope.acquiredAt = ScopedBuffer.Watched.TIME_ON_ACQUIRE;
		}
		if (tracked) {
			this.leaks.track(scope);
		}
		return scope;
	}

	/**
	 * Wraps a task so that it runs in a scope of its own, closed when the task ends
	 * however it ends.
	 * @param task the task
	 * @return the wrapped task
	 */
	public Runnable wrap(Runnable task) {
		Objects.requireNonNull(task, "'task' must not be null");
		return () -> {
			try (BufferScope scope = openScope()) {
				task.run();
			}
		};
	}

	/**
	 * Wraps a task so that it runs in a scope of its own, closed when the task ends
	 * however it ends.
	 * @param <V> the task's result type
	 * @param task the task
	 * @return the wrapped task
	 */
	public <V> Callable<V> wrap(Callable<V> task) {
		Objects.requireNonNull(task, "'task' must not be null");
		return () -> {
			try (BufferScope scope = openScope()) {
				return task.call();
			}
		};
	}

	/**
	 * Makes an open scope current on the calling thread, nested in the thread's innermost
	 * scope, until the returned attachment is closed: work that belongs to a scope but
	 * runs on another thread (an async request's later dispatch, a task that carries the
	 * request along) then sees the scope's buffer through {@link #current()}. The scope
	 * stays owned by its opener: the attachment's end does not close it, and closing it
	 * elsewhere ends its use here too.
	 * @param scope a scope opened by this manager
	 * @return the attachment to close when the work on this thread is done
	 * @throws IllegalArgumentException if the scope belongs to another manager
	 * @throws IllegalStateException if the scope is closed
	 */
	public ScopeAttachment attach(BufferScope scope) {
		if (!owns(scope)) {
			throw new IllegalArgumentException("'scope' must be a scope opened by '" + name() + "', was " + scope);
		}
		ScopedBuffer scoped = (ScopedBuffer) scope;
		if (scoped.isClosed()) {
			throw this.recycler.usedAfterRelease();
		}
		ScopeChain chain = this.chains.get();
		chain.innermostOpen();
		chain.push(scoped);
		return this.lifecycle.attachment(chain, scoped);
	}

	/**
	 * Whether a scope was opened by this manager, the only kind {@link #attach} accepts.
	 * Context propagation asks before attaching: two managers of the same name share a
	 * context key, and each must leave the other's scopes alone.
	 * @param scope any scope
	 * @return whether this manager opened it
	 */
	public boolean owns(BufferScope scope) {
		return (scope instanceof ScopedBuffer scoped) && scoped.manager == this;
	}

	/**
	 * Whether released buffers go back to the pool.
	 * @return the current setting
	 */
	public boolean isPoolingEnabled() {
		return this.recycler.isPoolingEnabled();
	}

	/**
	 * Turns pooling on or off; safe under load. Turning it off drains the idle buffers.
	 * Buffers held by open scopes are not affected until their scope closes.
	 * @param enabled whether to pool
	 */
	public void setPoolingEnabled(boolean enabled) {
		this.recycler.setPoolingEnabled(enabled);
	}

	/**
	 * Drops the idle pooled buffers.
	 * @return how many were dropped
	 */
	public int drain() {
		return this.recycler.drain();
	}

	/**
	 * A snapshot of the pool and its counters. Also reports the tracked scopes found
	 * unreachable since the last look.
	 * @return the statistics
	 */
	public BufferPoolStats stats() {
		this.leaks.processUnreachableScopes();
		return this.statistics.snapshot();
	}

	/**
	 * Tells {@code listener} how long each sampled scope held its buffer from now on (a
	 * metrics registry's timer, for example).
	 * @param listener the listener
	 */
	public void addHoldTimeListener(HoldTimeListener listener) {
		this.holdTimes.addListener(Objects.requireNonNull(listener, "'listener' must not be null"));
	}

	/**
	 * Stops telling {@code listener} about hold times; does nothing if it was not added.
	 * @param listener the listener
	 */
	public void removeHoldTimeListener(HoldTimeListener listener) {
		this.holdTimes.removeListener(listener);
	}

	/**
	 * The manager's name, as given to the builder.
	 * @return the name
	 */
	public String name() {
		return this.settings.name();
	}

	/**
	 * The settings this manager was built with; pooling may have been switched since.
	 * @return the settings
	 */
	public BufferManagerSettings settings() {
		return this.settings;
	}

	@Override
	public String toString() {
		BufferPoolStats stats = stats();
		return "BufferManager '" + name() + "' (pooling=" + (stats.poolingEnabled() ? "on" : "off") + ", active="
				+ stats.active() + ", idle=" + stats.idle() + ", max=" + stats.maxPoolSize() + ", leaks="
				+ stats.leaks() + ")";
	}

	private ScopedBuffer unscoped(ScopeChain chain) {
		ScopedBuffer unscoped = chain.unscoped;
		if (unscoped == null) {
			unscoped = new ScopedBuffer(this, chain);
			unscoped.state = ScratchBuffer.UNSCOPED;
			chain.unscoped = unscoped;
		}
		return unscoped;
	}

	/**
	 * Builds a {@link BufferManager}; every setting has a default.
	 */
	public static final class Builder {

		private String name = "default";

		private int bufferSize = 64 * 1024;

		private int maxRetainedCapacity = 1024 * 1024;

		private boolean poolingEnabled;

		private int maxPoolSize = 64;

		private boolean zeroOnRelease = true;

		private LeakDetection leakDetection = LeakDetection.SAMPLED;

		private LeakListener leakListener = LeakListener.logging();

		private int holdSamplingInterval = BufferManagerSettings.DEFAULT_HOLD_SAMPLING_INTERVAL;

		private LongSupplier ticker = System::nanoTime;

		private Builder() {
		}

		/**
		 * Names the manager in statistics, metrics and leak reports.
		 * @param name the name
		 * @return this builder
		 */
		public Builder name(String name) {
			this.name = name;
			return this;
		}

		/**
		 * Sets the initial capacity of each buffer.
		 * @param bytes the capacity in bytes
		 * @return this builder
		 */
		public Builder bufferSize(int bytes) {
			this.bufferSize = bytes;
			return this;
		}

		/**
		 * Sets the largest buffer the pool keeps; larger ones are dropped when their
		 * scope closes.
		 * @param bytes the capacity in bytes
		 * @return this builder
		 */
		public Builder maxRetainedCapacity(int bytes) {
			this.maxRetainedCapacity = bytes;
			return this;
		}

		/**
		 * Sets whether released buffers go back to the pool.
		 * @param enabled whether to pool
		 * @return this builder
		 */
		public Builder poolingEnabled(boolean enabled) {
			this.poolingEnabled = enabled;
			return this;
		}

		/**
		 * Sets the most idle buffers the pool keeps; a pool keeps at most 65,536 whatever
		 * is set.
		 * @param size the number of buffers
		 * @return this builder
		 */
		public Builder maxPoolSize(int size) {
			this.maxPoolSize = size;
			return this;
		}

		/**
		 * Sets whether buffers are zeroed before reuse.
		 * @param enabled whether to zero
		 * @return this builder
		 */
		public Builder zeroOnRelease(boolean enabled) {
			this.zeroOnRelease = enabled;
			return this;
		}

		/**
		 * Sets how scopes that are never closed are found.
		 * @param leakDetection the mode
		 * @return this builder
		 */
		public Builder leakDetection(LeakDetection leakDetection) {
			this.leakDetection = leakDetection;
			return this;
		}

		/**
		 * Sets who is told about leaks; by default they are logged as warnings.
		 * @param leakListener the listener
		 * @return this builder
		 */
		public Builder leakListener(LeakListener leakListener) {
			this.leakListener = Objects.requireNonNull(leakListener, "'leakListener' must not be null");
			return this;
		}

		/**
		 * Sets how many scopes share one hold-time measurement: 1 measures every scope, 0
		 * none; by default one in
		 * {@value BufferManagerSettings#DEFAULT_HOLD_SAMPLING_INTERVAL}.
		 * @param interval measure one scope in this many
		 * @return this builder
		 */
		public Builder holdSamplingInterval(int interval) {
			this.holdSamplingInterval = interval;
			return this;
		}

		/**
		 * Replaces the nanosecond clock that hold times are read from, for tests.
		 */
		Builder ticker(LongSupplier ticker) {
			this.ticker = Objects.requireNonNull(ticker, "'ticker' must not be null");
			return this;
		}

		/**
		 * Copies every setting from {@code settings}.
		 * @param settings the settings
		 * @return this builder
		 */
		public Builder settings(BufferManagerSettings settings) {
			return name(settings.name()).bufferSize(settings.bufferSize())
				.maxRetainedCapacity(settings.maxRetainedCapacity())
				.poolingEnabled(settings.poolingEnabled())
				.maxPoolSize(settings.maxPoolSize())
				.zeroOnRelease(settings.zeroOnRelease())
				.leakDetection(settings.leakDetection())
				.holdSamplingInterval(settings.holdSamplingInterval());
		}

		/**
		 * Builds the manager.
		 * @return the manager
		 * @throws IllegalArgumentException if a setting is invalid
		 */
		public BufferManager build() {
			return new BufferManager(
					new BufferManagerSettings(this.name, this.bufferSize, this.maxRetainedCapacity, this.poolingEnabled,
							this.maxPoolSize, this.zeroOnRelease, this.leakDetection, this.holdSamplingInterval),
					this.leakListener, this.ticker);
		}

	}

}
