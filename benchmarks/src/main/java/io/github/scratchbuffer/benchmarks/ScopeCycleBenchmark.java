package io.github.scratchbuffer.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.LeakDetection;
import io.github.scratchbuffer.ScratchBuffer;
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
 * One request's use of a scratch buffer: open a scope, take its buffer, write the
 * payload, close. Every contender writes the same bytes into a 64 KiB buffer and returns
 * it, so JMH consumes the result and nothing is optimised away.
 * <p>
 * Each configuration lives in a state of its own, so a fork builds only the manager its
 * benchmark uses. That matters: a manager's scope context is a {@code ThreadLocal}, whose
 * lookup costs 3 to 15 ns depending on where its hash lands among the thread's other
 * thread-locals; building every manager in every fork gave each configuration a different
 * slot, and the comparison between configurations measured that instead of the
 * configurations.
 * <p>
 * Run with {@code -t 1} and {@code -t 2} (threads share each contender's state, as
 * requests share a pool) and {@code -prof gc} for allocation per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScopeCycleBenchmark {

	/** Defaults plus pooling: zero-on-release on, sampled leak detection. */
	@Benchmark
	public ScratchBuffer scratchBufferPooled(Payload payload, Pooled pooled) {
		return cycle(pooled.manager, payload);
	}

	@Benchmark
	public ScratchBuffer scratchBufferPooledNoZeroing(Payload payload, PooledNoZeroing pooled) {
		return cycle(pooled.manager, payload);
	}

	@Benchmark
	public ScratchBuffer scratchBufferPooledLeakDetectionOff(Payload payload, PooledLeakDetectionOff pooled) {
		return cycle(pooled.manager, payload);
	}

	/**
	 * Nothing but the pool's own work: zeroing and leak detection off, the configuration
	 * the bounded peers are compared with.
	 */
	@Benchmark
	public ScratchBuffer scratchBufferPooledBare(Payload payload, PooledBare pooled) {
		return cycle(pooled.manager, payload);
	}

	/**
	 * Every scope tracked, its opening stack recorded: the mode for tests and debugging.
	 */
	@Benchmark
	public ScratchBuffer scratchBufferPooledLeakDetectionParanoid(Payload payload, PooledLeakDetectionParanoid pooled) {
		return cycle(pooled.manager, payload);
	}

	@Benchmark
	public ScratchBuffer scratchBufferUnpooled(Payload payload, Unpooled unpooled) {
		return cycle(unpooled.manager, payload);
	}

	/**
	 * {@code current()} outside any scope: the calling thread's own buffer, kept for the
	 * thread's life and never pooled, emptied before each use.
	 */
	@Benchmark
	public ScratchBuffer scratchBufferUnscoped(Payload payload, Pooled pooled) {
		ScratchBuffer buffer = pooled.manager.current();
		buffer.clear();
		buffer.write(payload.data);
		return buffer;
	}

	/** The cost every request pays when it never asks for its buffer. */
	@Benchmark
	public BufferScope scopeWithoutBuffer(Pooled pooled) {
		try (BufferScope scope = pooled.manager.openScope()) {
			return scope;
		}
	}

	@Benchmark
	public BufferScope scopeWithoutBufferLeakDetectionOff(PooledLeakDetectionOff pooled) {
		try (BufferScope scope = pooled.manager.openScope()) {
			return scope;
		}
	}

	@Benchmark
	public BufferScope scopeWithoutBufferLeakDetectionParanoid(PooledLeakDetectionParanoid pooled) {
		try (BufferScope scope = pooled.manager.openScope()) {
			return scope;
		}
	}

	/**
	 * One 64 KiB array per thread, kept forever: no bound, no release, never zeroed,
	 * useless on virtual threads.
	 */
	@Benchmark
	public byte[] threadLocalCache(Payload payload, ThreadLocalCache cache) {
		byte[] buffer = cache.arrays.get();
		System.arraycopy(payload.data, 0, buffer, 0, payload.data.length);
		return buffer;
	}

	@Benchmark
	public byte[] newArray(Payload payload) {
		byte[] buffer = new byte[Payload.BUFFER_SIZE];
		System.arraycopy(payload.data, 0, buffer, 0, payload.data.length);
		return buffer;
	}

	/** One request's use of its buffer: open a scope, write the payload, close. */
	static ScratchBuffer cycle(BufferManager manager, Payload payload) {
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(payload.data);
			return buffer;
		}
	}

	/**
	 * A manager built for one configuration: the subclasses differ only in what they
	 * change from pooling on with the defaults.
	 */
	public abstract static class ManagerState {

		BufferManager manager;

		@Setup
		public void setUp() {
			this.manager = configure(BufferManager.builder().bufferSize(Payload.BUFFER_SIZE).poolingEnabled(true))
				.build();
		}

		abstract BufferManager.Builder configure(BufferManager.Builder pooled);

	}

	@State(Scope.Benchmark)
	public static class Pooled extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled;
		}

	}

	@State(Scope.Benchmark)
	public static class PooledNoZeroing extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled.zeroOnRelease(false);
		}

	}

	@State(Scope.Benchmark)
	public static class PooledLeakDetectionOff extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled.leakDetection(LeakDetection.OFF);
		}

	}

	@State(Scope.Benchmark)
	public static class PooledBare extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled.zeroOnRelease(false).leakDetection(LeakDetection.OFF);
		}

	}

	@State(Scope.Benchmark)
	public static class PooledLeakDetectionParanoid extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled.leakDetection(LeakDetection.PARANOID);
		}

	}

	@State(Scope.Benchmark)
	public static class Unpooled extends ManagerState {

		@Override
		BufferManager.Builder configure(BufferManager.Builder pooled) {
			return pooled.poolingEnabled(false);
		}

	}

	@State(Scope.Benchmark)
	public static class ThreadLocalCache {

		final ThreadLocal<byte[]> arrays = ThreadLocal.withInitial(() -> new byte[Payload.BUFFER_SIZE]);

	}

}
