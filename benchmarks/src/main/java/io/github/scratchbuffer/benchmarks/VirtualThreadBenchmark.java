package io.github.scratchbuffer.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.LeakDetection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a request pays on virtual threads, where each request is a new thread: one
 * operation starts a virtual thread, runs one use of a buffer on it and joins it. Every
 * time, the thread's scope chain (this project) or its cached array (the
 * {@code ThreadLocal} cache) is created afresh, since a new thread has neither.
 * {@code virtualThreadOnly} runs the same thread without a buffer: subtract it to get the
 * buffer's share.
 * <p>
 * Needs JDK 21 or later; the module compiles for 17, so the thread is started through a
 * method handle to {@code Thread.startVirtualThread}. {@code scripts/benchmarks.sh} runs
 * it on JDK 25 when the default JDK is older.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class VirtualThreadBenchmark {

	@Benchmark
	public int virtualThreadOnly(Payload payload, VirtualThreads threads) throws Throwable {
		return threads.runOnNewVirtualThread(() -> threads.result = payload.data.length);
	}

	/**
	 * The pooled cycle with the defaults (zero-on-release on, sampled leak detection).
	 */
	@Benchmark
	public int scratchBufferPooled(Payload payload, VirtualThreads threads) throws Throwable {
		return threads.runOnNewVirtualThread(() -> threads.result = cycle(threads.pooled, payload));
	}

	@Benchmark
	public int scratchBufferPooledNoZeroingLeakDetectionOff(Payload payload, VirtualThreads threads) throws Throwable {
		return threads.runOnNewVirtualThread(() -> threads.result = cycle(threads.pooledBare, payload));
	}

	/**
	 * One array per thread, kept for the thread's life: a 64 KiB allocation per request
	 * here.
	 */
	@Benchmark
	public int threadLocalCache(Payload payload, VirtualThreads threads) throws Throwable {
		return threads.runOnNewVirtualThread(() -> {
			byte[] buffer = threads.arrays.get();
			System.arraycopy(payload.data, 0, buffer, 0, payload.data.length);
			threads.result = buffer[payload.data.length - 1];
		});
	}

	/**
	 * The scope cycle of {@link ScopeCycleBenchmark}, reading the size while the scope is
	 * open.
	 */
	private static int cycle(BufferManager manager, Payload payload) {
		try (BufferScope scope = manager.openScope()) {
			return manager.current().write(payload.data).size();
		}
	}

	/**
	 * The managers and the cache, shared by all operations, and the way to a virtual
	 * thread.
	 */
	@State(Scope.Benchmark)
	public static class VirtualThreads {

		private static final MethodType START_VIRTUAL_THREAD = MethodType.methodType(Thread.class, Runnable.class);

		BufferManager pooled;

		BufferManager pooledBare;

		final ThreadLocal<byte[]> arrays = ThreadLocal.withInitial(() -> new byte[Payload.BUFFER_SIZE]);

		/** Written by the virtual thread, read after the join (which orders the two). */
		int result;

		/** What the virtual thread threw, read after the join. */
		Throwable failure;

		private MethodHandle startVirtualThread;

		@Setup
		public void setUp() throws ReflectiveOperationException {
			this.startVirtualThread = MethodHandles.publicLookup()
				.findStatic(Thread.class, "startVirtualThread", START_VIRTUAL_THREAD);
			this.pooled = BufferManager.builder().bufferSize(Payload.BUFFER_SIZE).poolingEnabled(true).build();
			this.pooledBare = BufferManager.builder()
				.bufferSize(Payload.BUFFER_SIZE)
				.poolingEnabled(true)
				.zeroOnRelease(false)
				.leakDetection(LeakDetection.OFF)
				.build();
		}

		/**
		 * Runs {@code work} on a new virtual thread and waits for it. A failure on that
		 * thread is rethrown here, so that JMH reports it instead of a timing of nothing.
		 */
		int runOnNewVirtualThread(Runnable work) throws Throwable {
			Runnable guarded = () -> {
				try {
					work.run();
				}
				catch (Throwable ex) {
					this.failure = ex;
				}
			};
			Thread thread = (Thread) this.startVirtualThread.invokeExact(guarded);
			thread.join();
			Throwable failure = this.failure;
			if (failure != null) {
				throw failure;
			}
			return this.result;
		}

	}

}
