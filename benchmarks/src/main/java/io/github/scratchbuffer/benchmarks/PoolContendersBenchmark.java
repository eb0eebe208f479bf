package io.github.scratchbuffer.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.internal.BufferPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.Recycler;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * The same operation as {@link ScopeCycleBenchmark} — take a 64 KiB buffer, write the
 * payload, give it back — through the pools users would otherwise reach for, each used as
 * its documentation shows; run it together with {@link ScopeCycleBenchmark}, whose
 * {@code scratchBufferPooledNoZeroing} is this project's entry (zero-on-release off: the
 * others do not zero). Every pool with a bound keeps at most 64 idle buffers. Each pool
 * lives in a state of its own, so a fork builds only the pool it measures. Run with
 * {@code -t 1} and {@code -t 2} and {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolContendersBenchmark {

	static final int MAX_IDLE = 64;

	/**
	 * This project's bounded pool on its own, used exactly like the queue below: what the
	 * pool costs, apart from the scope, its statistics and leak detection.
	 */
	@Benchmark
	public byte[] scratchBufferPoolOnly(Payload payload, ScratchBufferPool pool) {
		byte[] array = pool.pool.poll();
		if (array == null) {
			array = new byte[Payload.BUFFER_SIZE];
		}
		System.arraycopy(payload.data, 0, array, 0, payload.data.length);
		pool.pool.offer(array);
		return array;
	}

	/** The naive port of the original design: a bounded queue of arrays, poll/offer. */
	@Benchmark
	public byte[] arrayBlockingQueue(Payload payload, Queue queue) {
		byte[] array = queue.queue.poll();
		if (array == null) {
			array = new byte[Payload.BUFFER_SIZE];
		}
		System.arraycopy(payload.data, 0, array, 0, payload.data.length);
		queue.queue.offer(array);
		return array;
	}

	@Benchmark
	public byte[] commonsPool2(Payload payload, CommonsPool pool) throws Exception {
		byte[] array = pool.pool.borrowObject();
		try {
			System.arraycopy(payload.data, 0, array, 0, payload.data.length);
			return array;
		}
		finally {
			pool.pool.returnObject(array);
		}
	}

	@Benchmark
	public ByteBuffer jettyArrayByteBufferPool(Payload payload, JettyPool pool) {
		RetainableByteBuffer buffer = pool.pool.acquire(Payload.BUFFER_SIZE, false);
		try {
			ByteBuffer byteBuffer = buffer.getByteBuffer();
			byteBuffer.clear();
			byteBuffer.put(payload.data);
			return byteBuffer;
		}
		finally {
			buffer.release();
		}
	}

	@Benchmark
	public ByteBuf nettyPooledByteBufAllocator(Payload payload) {
		ByteBuf buffer = PooledByteBufAllocator.DEFAULT.heapBuffer(Payload.BUFFER_SIZE, Payload.BUFFER_SIZE);
		try {
			buffer.writeBytes(payload.data);
			return buffer;
		}
		finally {
			buffer.release();
		}
	}

	/**
	 * Netty's object pool. Since Netty 4.2 (netty#16315) it pools only on threads whose
	 * thread locals Netty cleans up ({@code FastThreadLocalThread}s); on any other thread
	 * — JMH's here, Tomcat's in a Spring MVC application — every {@code get()} creates a
	 * new object, which is what this measures (64 KiB allocated per operation).
	 */
	@Benchmark
	public byte[] nettyRecycler(Payload payload, NettyRecycler recycler) {
		RecycledArray holder = recycler.recycler.get();
		System.arraycopy(payload.data, 0, holder.array, 0, payload.data.length);
		holder.recycle();
		return holder.array;
	}

	@Benchmark
	public byte[] jacksonBoundedPool(Payload payload, JacksonBoundedPool pool) {
		return jackson(pool.pool, payload);
	}

	@Benchmark
	public byte[] jacksonConcurrentDequePool(Payload payload, JacksonConcurrentDequePool pool) {
		return jackson(pool.pool, payload);
	}

	private static byte[] jackson(RecyclerPool<BufferRecycler> pool, Payload payload) {
		BufferRecycler recycler = pool.acquireAndLinkPooled();
		try {
			byte[] array = recycler.allocByteBuffer(BufferRecycler.BYTE_WRITE_CONCAT_BUFFER, Payload.BUFFER_SIZE);
			System.arraycopy(payload.data, 0, array, 0, payload.data.length);
			recycler.releaseByteBuffer(BufferRecycler.BYTE_WRITE_CONCAT_BUFFER, array);
			return array;
		}
		finally {
			recycler.releaseToPool();
		}
	}

	@State(Scope.Benchmark)
	public static class ScratchBufferPool {

		final BufferPool pool = new BufferPool(MAX_IDLE);

	}

	@State(Scope.Benchmark)
	public static class Queue {

		final ArrayBlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(MAX_IDLE);

	}

	@State(Scope.Benchmark)
	public static class CommonsPool {

		GenericObjectPool<byte[]> pool;

		@Setup
		public void setUp() {
			this.pool = new GenericObjectPool<>(new ArrayFactory());
			this.pool.setMaxTotal(-1);
			this.pool.setMaxIdle(MAX_IDLE);
		}

		@TearDown
		public void tearDown() {
			this.pool.close();
		}

	}

	@State(Scope.Benchmark)
	public static class JettyPool {

		final ArrayByteBufferPool pool = new ArrayByteBufferPool(0, 1024, Payload.BUFFER_SIZE, MAX_IDLE);

	}

	@State(Scope.Benchmark)
	public static class NettyRecycler {

		final Recycler<RecycledArray> recycler = new Recycler<>(MAX_IDLE) {
			@Override
			protected RecycledArray newObject(Handle<RecycledArray> handle) {
				return new RecycledArray(handle);
			}
		};

	}

	@State(Scope.Benchmark)
	public static class JacksonBoundedPool {

		final RecyclerPool<BufferRecycler> pool = JsonRecyclerPools.newBoundedPool(MAX_IDLE);

	}

	@State(Scope.Benchmark)
	public static class JacksonConcurrentDequePool {

		final RecyclerPool<BufferRecycler> pool = JsonRecyclerPools.newConcurrentDequePool();

	}

	/** A 64 KiB array that Netty's {@link Recycler} hands out and takes back. */
	static final class RecycledArray {

		final byte[] array = new byte[Payload.BUFFER_SIZE];

		private final Recycler.Handle<RecycledArray> handle;

		RecycledArray(Recycler.Handle<RecycledArray> handle) {
			this.handle = handle;
		}

		void recycle() {
			this.handle.recycle(this);
		}

	}

	/** Creates the arrays commons-pool2 lends out. */
	static final class ArrayFactory extends BasePooledObjectFactory<byte[]> {

		@Override
		public byte[] create() {
			return new byte[Payload.BUFFER_SIZE];
		}

		@Override
		public PooledObject<byte[]> wrap(byte[] array) {
			return new DefaultPooledObject<>(array);
		}

	}

}
