package io.github.scratchbuffer;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

import io.github.scratchbuffer.internal.BufferPool;
import io.github.scratchbuffer.internal.HoldTimes;
import io.github.scratchbuffer.internal.LeakTracker;
import io.github.scratchbuffer.internal.LeakTracking;
import io.github.scratchbuffer.internal.PoolCounters;
import io.github.scratchbuffer.internal.UsageHistogram;
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
 *
 * @since 0.1.0
 */
public final class BufferManager {

	/** Source of zeroes for {@link #zero(byte[], int)}; never written. */
	private static final byte[] ZEROES = new byte[16 * 1024];

	private final BufferManagerSettings settings;

	private final LeakListener leakListener;

	/**
	 * Each thread's open scopes. This is the scope context, not a buffer cache: a scope
	 * is pushed when it opens and popped when it closes, so a chain holds nothing once
	 * its thread's work is done (but for an unscoped buffer, which is bound to the thread
	 * on purpose).
	 */
	private final ThreadLocal<ScopeChain> chains = ThreadLocal.withInitial(ScopeChain::new);

	private final BufferPool pool;

	private final PoolCounters counters = new PoolCounters();

	private final LeakTracking leakTracking = new LeakTracking();

	private final HoldTimes holdTimes;

	private volatile boolean poolingEnabled;

	private BufferManager(BufferManagerSettings settings, LeakListener leakListener, LongSupplier ticker) {
		this.settings = settings;
		this.leakListener = leakListener;
		this.holdTimes = new HoldTimes(settings.holdSamplingInterval(), ticker);
		this.pool = new BufferPool(settings.maxPoolSize());
		this.poolingEnabled = settings.poolingEnabled();
	}

	/**
	 * A builder with the defaults: 64 KiB buffers, 1 MiB maximum retained capacity,
	 * pooling off, 64 pooled buffers at most, zero-on-release on, sampled leak detection.
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
			acquire(scope);
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
		ScopedBuffer scope = newScope(chain);
		chain.push(scope);
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
			throw usedAfterRelease();
		}
		ScopeChain chain = this.chains.get();
		chain.innermostOpen();
		chain.push(scoped);
		return new Attachment(chain, scoped);
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
		return this.poolingEnabled;
	}

	/**
	 * Turns pooling on or off; safe under load. Turning it off drains the idle buffers.
	 * Buffers held by open scopes are not affected until their scope closes.
	 * @param enabled whether to pool
	 */
	public void setPoolingEnabled(boolean enabled) {
		this.poolingEnabled = enabled;
		if (!enabled) {
			this.counters.drained(this.pool.drain());
		}
	}

	/**
	 * Drops the idle pooled buffers.
	 * @return how many were dropped
	 */
	public int drain() {
		int drained = this.pool.drain();
		this.counters.drained(drained);
		return drained;
	}

	/**
	 * A snapshot of the pool and its counters. Also reports the tracked scopes found
	 * unreachable since the last look.
	 * @return the statistics
	 */
	public BufferPoolStats stats() {
		processUnreachableScopes();
		PoolCounters counters = this.counters;
		int idle = this.pool.idle();
		long active = counters.active(idle);
		long returned = counters.returned();
		long dropped = counters.dropped();
		long misses = counters.misses();
		long acquisitions = Math.max(active + returned + dropped, misses);
		return new BufferPoolStats(this.settings.name(), this.poolingEnabled, this.settings.bufferSize(),
				this.settings.maxRetainedCapacity(), this.settings.maxPoolSize(), idle, active,
				Math.max(active, counters.peakActive()), acquisitions, acquisitions - misses, misses, returned, dropped,
				counters.drained(), counters.leaks(), counters.unscoped(), this.pool.retainedBytes(), usage(),
				this.holdTimes.snapshot());
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

	private ScopedBuffer newScope(ScopeChain chain) {
		LeakDetection detection = this.settings.leakDetection();
		if (detection == LeakDetection.OFF || (detection == LeakDetection.SAMPLED
				&& ThreadLocalRandom.current().nextInt(LeakDetection.SAMPLING_INTERVAL) != 0)) {
			return new ScopedBuffer(this, chain);
		}
		processUnreachableScopes();
		ScopedBuffer.Tracked scope = new ScopedBuffer.Tracked(this, chain);
		scope.tracker(this.leakTracking.track(scope));
		return scope;
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

	void acquire(ScopedBuffer scope) {
		int state = scope.state;
		if ((state & ScratchBuffer.CLOSED) != 0) {
			throw usedAfterRelease();
		}
		if ((state & ScratchBuffer.UNSCOPED) != 0) {
			scope.array = new byte[this.settings.bufferSize()];
			this.counters.unscopedCreated();
			return;
		}
		byte[] array = this.poolingEnabled ? this.pool.poll() : null;
		if (array == null) {
			array = new byte[this.settings.bufferSize()];
			this.counters.miss();
			this.counters.observeActive(this.counters.active(this.pool.idle()));
		}
		// A hit is counted by the release that follows it (see PoolCounters).
		scope.array = array;
		scope.acquiredAt = this.holdTimes.startIfSampled();
		// The scope may be closing on another thread right now (a container ending an
		// async request while its work takes the buffer): only a closer that finds
		// HOLDS_ARRAY releases the array, so if the close came first, it is ours to
		// give back.
		if (!scope.markHoldsArray()) {
			scope.array = null;
			recycle(array, 0, 0, 0);
			throw usedAfterRelease();
		}
		LeakTracker tracker = scope.tracker();
		if (tracker != null) {
			tracker.holdingBuffer();
		}
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
					"A scope of '" + name() + "' can only be detached on the thread that " + "opened it ('"
							+ scope.chain.owner.getName() + "'), not on '" + Thread.currentThread().getName() + "'");
		}
		unbind(scope);
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
				leaked(inner, LeakReport.Kind.UNCLOSED_INNER_SCOPE);
				release(inner, stateBefore);
			}
		}
		chain.truncate(index);
	}

	/**
	 * Releases the array of a scope this thread just closed.
	 * @param stateBefore the scope's state as the closing CAS found it: without
	 * HOLDS_ARRAY there is nothing to release here (no array yet, or one being acquired
	 * that its acquirer gives back)
	 */
	private void release(ScopedBuffer scope, int stateBefore) {
		LeakTracker tracker = scope.tracker();
		if (tracker != null) {
			this.leakTracking.untrack(tracker);
		}
		if ((stateBefore & ScratchBuffer.HOLDS_ARRAY) == 0) {
			return;
		}
		// HOLDS_ARRAY was set after the array was stored, and only this close clears it.
		byte[] array = scope.array;
		scope.array = null;
		long acquiredAt = scope.acquiredAt;
		if (acquiredAt != 0) {
			this.holdTimes.stop(acquiredAt);
		}
		int used = scope.size;
		if (array.length > this.settings.bufferSize()) {
			this.counters.grown();
		}
		// The state the closing CAS found is final: EXPOSED and the cleared bucket can
		// only change while the scope is open.
		int written = ((stateBefore & ScratchBuffer.EXPOSED) != 0) ? array.length
				: Math.min(array.length, Math.max(used, scope.writableLimit));
		recycle(array, used, written, Math.max(UsageHistogram.bucketOf(used), clearedBucket(stateBefore)));
	}

	/**
	 * Gives an array back: to the pool if pooling is on and it is not too large, else to
	 * the garbage collector; counted either way.
	 * @param written the extent that may hold written bytes, from 0
	 */
	private void recycle(byte[] array, int used, int written, int usageBucket) {
		this.counters.usage(used);
		boolean pooled = false;
		boolean pooling = this.poolingEnabled;
		if (pooling && array.length <= this.settings.maxRetainedCapacity()) {
			if (this.settings.zeroOnRelease()) {
				// clear() zeroed what it discarded, so only the content and the free
				// space
				// a writable view handed out can be dirty, unless the array itself was.
				zero(array, written);
			}
			pooled = this.pool.offer(array);
			if (pooled && !this.poolingEnabled) {
				// Pooling was switched off while we offered: retain nothing.
				this.counters.drained(this.pool.drain());
			}
		}
		else if (pooling) {
			this.counters.droppedTooLarge();
		}
		this.counters.released(pooled, usageBucket);
	}

	void afterClear(ScopedBuffer scope, byte[] bytes, int used, int written) {
		if (scope.isUnscoped()) {
			// Never reused by another scope, and not part of the pool's usage statistics.
			return;
		}
		if (this.settings.zeroOnRelease() && (scope.state & ScratchBuffer.EXPOSED) == 0) {
			zero(bytes, written);
		}
		if (used == 0) {
			// Only a writable view's free space was discarded: no content to measure.
			return;
		}
		this.counters.usage(used);
		int bucket = UsageHistogram.bucketOf(used);
		int current;
		do {
			current = scope.state;
			if (clearedBucket(current) >= bucket) {
				return;
			}
		}
		while (!ScratchBuffer.STATE.compareAndSet(scope, current,
				(current & ~ScratchBuffer.CLEARED_BUCKET_MASK) | (bucket << ScratchBuffer.CLEARED_BUCKET_SHIFT)));
	}

	/**
	 * Zeroes {@code [0, length)} by copying from a zeroed array: {@code System.arraycopy}
	 * runs the JVM's vectorised copy stubs, while {@code Arrays.fill} is a plain loop
	 * unless the JIT's fill intrinsic is switched on.
	 */
	private static void zero(byte[] array, int length) {
		for (int from = 0; from < length; from += ZEROES.length) {
			System.arraycopy(ZEROES, 0, array, from, Math.min(ZEROES.length, length - from));
		}
	}

	private static int clearedBucket(int state) {
		return (state & ScratchBuffer.CLEARED_BUCKET_MASK) >>> ScratchBuffer.CLEARED_BUCKET_SHIFT;
	}

	byte[] grow(ScopedBuffer scope, byte[] current, int minCapacity) {
		// The old array goes to the garbage collector, never to the pool: only the
		// scope's final array is accounted for, and only it holds the scope's bytes now.
		byte[] grown = new byte[ScratchBuffer.newCapacity(current.length, minCapacity)];
		System.arraycopy(current, 0, grown, 0, scope.size);
		scope.array = grown;
		// The new array is clean beyond the content; views of the old one write nowhere
		// that counts, and commit() refuses what they wrote.
		scope.writableLimit = 0;
		return grown;
	}

	IllegalStateException usedAfterRelease() {
		return new IllegalStateException("Scratch buffer of '" + name() + "' used after its scope ended: its memory "
				+ "may already belong to another scope. Use a buffer only inside the scope (request, "
				+ "try-with-resources block, task) that it came from.");
	}

	private void leaked(ScopedBuffer scope, LeakReport.Kind kind) {
		this.counters.leak();
		LeakTracker tracker = scope.tracker();
		String threadName = (tracker != null) ? tracker.threadName() : Thread.currentThread().getName();
		report(new LeakReport(name(), kind, threadName, (tracker != null) ? tracker.openedAt() : null));
	}

	private void processUnreachableScopes() {
		this.leakTracking.pollUnreachable((tracker) -> {
			this.counters.leak();
			if (tracker.holdsBuffer()) {
				// The buffer went to the garbage collector with its scope.
				this.counters.droppedUnmeasured();
			}
			report(new LeakReport(name(), LeakReport.Kind.UNREACHABLE, tracker.threadName(), tracker.openedAt()));
		});
	}

	private void report(LeakReport report) {
		try {
			this.leakListener.onLeak(report);
		}
		catch (RuntimeException ex) {
			// A failing listener must not break the closing scope; the leak is counted.
		}
	}

	private BufferPoolStats.Usage usage() {
		long[] counts = this.counters.usageCounts();
		long samples = 0;
		for (long count : counts) {
			samples += count;
		}
		long max = this.counters.maxUsage();
		long p50 = Math.min(UsageHistogram.percentile(counts, 0.50), max);
		long p99 = Math.min(UsageHistogram.percentile(counts, 0.99), max);
		long recommended = (samples != 0) ? ceilingPowerOfTwo(p99) : this.settings.bufferSize();
		long grown = this.counters.grownCount();
		long droppedTooLarge = this.counters.droppedTooLargeCount();
		String recommendation = SizingAdvice.recommend(this.settings, samples, p99, max, recommended, grown,
				droppedTooLarge);
		return new BufferPoolStats.Usage(samples, p50, p99, max, recommended, grown, droppedTooLarge, recommendation);
	}

	static long ceilingPowerOfTwo(long value) {
		return (value <= 1) ? 1 : Long.highestOneBit(value - 1) << 1;
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
				throw new IllegalStateException("A scope attachment of '" + name()
						+ "' must be closed on the thread that attached it ('" + this.chain.owner.getName() + "')");
			}
			this.closed = true;
			removeFromChain(this.chain, this.scope);
		}

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
		 * Sets the most idle buffers the pool keeps.
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
