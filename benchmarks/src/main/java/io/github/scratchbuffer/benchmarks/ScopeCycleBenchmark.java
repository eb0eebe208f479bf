package io.github.scratchbuffer.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One request's use of a scratch buffer: open a scope, take its buffer, write
 * {@code bytes} bytes, close. Every contender writes the same bytes into a 64 KiB buffer
 * and returns it, so JMH consumes the result and nothing is optimised away.
 * <p>
 * Run with {@code -t 1} and {@code -t 2} (threads share each contender's state, as
 * requests share a pool) and {@code -prof gc} for allocation per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ScopeCycleBenchmark {

	static final int BUFFER_SIZE = 64 * 1024;

	@Param({ "1024", "16384" })
	int bytes;

	private byte[] payload;

	private BufferManager pooled;

	private BufferManager pooledNoZeroing;

	private BufferManager pooledLeakDetectionOff;

	private BufferManager unpooled;

	private final ThreadLocal<byte[]> threadLocalCache = ThreadLocal.withInitial(() -> new byte[BUFFER_SIZE]);

	@Setup
	public void setUp() {
		this.payload = new byte[this.bytes];
		ThreadLocalRandom.current().nextBytes(this.payload);
		this.pooled = manager().build();
		this.pooledNoZeroing = manager().zeroOnRelease(false).build();
		this.pooledLeakDetectionOff = manager().leakDetection(LeakDetection.OFF).build();
		this.unpooled = manager().poolingEnabled(false).build();
	}

	private static BufferManager.Builder manager() {
		return BufferManager.builder().bufferSize(BUFFER_SIZE).poolingEnabled(true);
	}

	/** Defaults plus pooling: zero-on-release on, sampled leak detection. */
	@Benchmark
	public ScratchBuffer scratchBufferPooled() {
		return cycle(this.pooled);
	}

	@Benchmark
	public ScratchBuffer scratchBufferPooledNoZeroing() {
		return cycle(this.pooledNoZeroing);
	}

	@Benchmark
	public ScratchBuffer scratchBufferPooledLeakDetectionOff() {
		return cycle(this.pooledLeakDetectionOff);
	}

	@Benchmark
	public ScratchBuffer scratchBufferUnpooled() {
		return cycle(this.unpooled);
	}

	/** The cost every request pays when it never asks for its buffer. */
	@Benchmark
	public BufferScope scopeWithoutBuffer() {
		try (BufferScope scope = this.pooled.openScope()) {
			return scope;
		}
	}

	@Benchmark
	public BufferScope scopeWithoutBufferLeakDetectionOff() {
		try (BufferScope scope = this.pooledLeakDetectionOff.openScope()) {
			return scope;
		}
	}

	@Benchmark
	public byte[] threadLocalCache() {
		byte[] buffer = this.threadLocalCache.get();
		System.arraycopy(this.payload, 0, buffer, 0, this.payload.length);
		return buffer;
	}

	@Benchmark
	public byte[] newArray() {
		byte[] buffer = new byte[BUFFER_SIZE];
		System.arraycopy(this.payload, 0, buffer, 0, this.payload.length);
		return buffer;
	}

	private ScratchBuffer cycle(BufferManager manager) {
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(this.payload);
			return buffer;
		}
	}

}
