package io.github.scratchbuffer.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * The same operation as {@link ScopeCycleBenchmark} — take a 64 KiB buffer, write
 * {@code bytes} bytes, give it back — through the pools users would otherwise reach for,
 * each used as its documentation shows, next to this project's pool with zero-on-release
 * off (the others do not zero). All bounded to 64 idle buffers where the pool has a
 * bound. Run with {@code -t 1} and {@code -t 2} and {@code -prof gc}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PoolContendersBenchmark {

	static final int BUFFER_SIZE = ScopeCycleBenchmark.BUFFER_SIZE;

	static final int MAX_IDLE = 64;

	@Param({ "1024", "16384" })
	int bytes;

	private byte[] payload;

	private BufferManager scratchBuffer;

	private ArrayBlockingQueue<byte[]> queue;

	private GenericObjectPool<byte[]> commonsPool;

	private ArrayByteBufferPool jettyPool;

	private PooledByteBufAllocator nettyAllocator;

	private Recycler<RecycledArray> nettyRecycler;

	private RecyclerPool<BufferRecycler> jacksonBounded;

	private RecyclerPool<BufferRecycler> jacksonConcurrentDeque;

	@Setup
	public void setUp() {
		this.payload = new byte[this.bytes];
		ThreadLocalRandom.current().nextBytes(this.payload);
		this.scratchBuffer = BufferManager.builder()
			.bufferSize(BUFFER_SIZE)
			.maxPoolSize(MAX_IDLE)
			.poolingEnabled(true)
			.zeroOnRelease(false)
			.build();
		this.queue = new ArrayBlockingQueue<>(MAX_IDLE);
		this.commonsPool = new GenericObjectPool<>(new ArrayFactory());
		this.commonsPool.setMaxTotal(-1);
		this.commonsPool.setMaxIdle(MAX_IDLE);
		this.jettyPool = new ArrayByteBufferPool(0, 1024, BUFFER_SIZE, MAX_IDLE);
		this.nettyAllocator = PooledByteBufAllocator.DEFAULT;
		this.nettyRecycler = new Recycler<>(MAX_IDLE) {
			@Override
			protected RecycledArray newObject(Handle<RecycledArray> handle) {
				return new RecycledArray(handle);
			}
		};
		this.jacksonBounded = JsonRecyclerPools.newBoundedPool(MAX_IDLE);
		this.jacksonConcurrentDeque = JsonRecyclerPools.newConcurrentDequePool();
	}

	@TearDown
	public void tearDown() {
		this.commonsPool.close();
	}

	/** This project's pool, zero-on-release off like its peers. */
	@Benchmark
	public ScratchBuffer scratchBufferNoZeroing() {
		try (BufferScope scope = this.scratchBuffer.openScope()) {
			ScratchBuffer buffer = this.scratchBuffer.current();
			buffer.write(this.payload);
			return buffer;
		}
	}

	/** The naive port of the original design: a bounded queue of arrays, poll/offer. */
	@Benchmark
	public byte[] arrayBlockingQueue() {
		byte[] array = this.queue.poll();
		if (array == null) {
			array = new byte[BUFFER_SIZE];
		}
		System.arraycopy(this.payload, 0, array, 0, this.payload.length);
		this.queue.offer(array);
		return array;
	}

	@Benchmark
	public byte[] commonsPool2() throws Exception {
		byte[] array = this.commonsPool.borrowObject();
		try {
			System.arraycopy(this.payload, 0, array, 0, this.payload.length);
			return array;
		}
		finally {
			this.commonsPool.returnObject(array);
		}
	}

	@Benchmark
	public ByteBuffer jettyArrayByteBufferPool() {
		RetainableByteBuffer buffer = this.jettyPool.acquire(BUFFER_SIZE, false);
		try {
			ByteBuffer byteBuffer = buffer.getByteBuffer();
			byteBuffer.clear();
			byteBuffer.put(this.payload);
			return byteBuffer;
		}
		finally {
			buffer.release();
		}
	}

	@Benchmark
	public ByteBuf nettyPooledByteBufAllocator() {
		ByteBuf buffer = this.nettyAllocator.heapBuffer(BUFFER_SIZE, BUFFER_SIZE);
		try {
			buffer.writeBytes(this.payload);
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
	public byte[] nettyRecycler() {
		RecycledArray holder = this.nettyRecycler.get();
		System.arraycopy(this.payload, 0, holder.array, 0, this.payload.length);
		holder.recycle();
		return holder.array;
	}

	@Benchmark
	public byte[] jacksonBoundedPool() {
		return jackson(this.jacksonBounded);
	}

	@Benchmark
	public byte[] jacksonConcurrentDequePool() {
		return jackson(this.jacksonConcurrentDeque);
	}

	private byte[] jackson(RecyclerPool<BufferRecycler> pool) {
		BufferRecycler recycler = pool.acquireAndLinkPooled();
		try {
			byte[] array = recycler.allocByteBuffer(BufferRecycler.BYTE_WRITE_CONCAT_BUFFER, BUFFER_SIZE);
			System.arraycopy(this.payload, 0, array, 0, this.payload.length);
			recycler.releaseByteBuffer(BufferRecycler.BYTE_WRITE_CONCAT_BUFFER, array);
			return array;
		}
		finally {
			recycler.releaseToPool();
		}
	}

	/** A 64 KiB array that Netty's {@link Recycler} hands out and takes back. */
	static final class RecycledArray {

		final byte[] array = new byte[BUFFER_SIZE];

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
			return new byte[BUFFER_SIZE];
		}

		@Override
		public PooledObject<byte[]> wrap(byte[] array) {
			return new DefaultPooledObject<>(array);
		}

	}

}
