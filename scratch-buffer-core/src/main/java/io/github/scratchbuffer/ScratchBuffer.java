package io.github.scratchbuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte buffer that belongs to one {@link BufferScope}: like a reusable
 * {@code ByteArrayOutputStream} without locks. Valid bytes are {@code [0, size())} of
 * {@link #array()}. Not thread-safe: use it from the thread running the scope's work.
 * <p>
 * Once its scope has closed, every method throws {@link IllegalStateException}: the
 * memory behind a released buffer may already belong to another scope, so a late use must
 * fail rather than read or overwrite someone else's data.
 *
 * @since 0.1.0
 */
public abstract class ScratchBuffer {

	/**
	 * Largest array the JVM reliably allocates (as
	 * {@code ArraysSupport.SOFT_MAX_ARRAY_LENGTH}).
	 */
	static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

	static final int CLOSED = 1;

	/** The backing array was handed out: its contents beyond {@code size} are unknown. */
	static final int EXPOSED = 1 << 1;

	/** A thread-bound buffer for code outside any scope; never pooled, never closed. */
	static final int UNSCOPED = 1 << 2;

	/**
	 * The scope holds an array that its close must release. Set by a CAS after the array
	 * is stored, so a closer that sees the bit also sees the array (the CAS publishes the
	 * plain store before it); see {@code BufferManager.acquire}.
	 */
	static final int HOLDS_ARRAY = 1 << 3;

	/** Bits 8..15 hold the usage bucket of the largest content discarded by clear(). */
	static final int CLEARED_BUCKET_SHIFT = 8;

	static final int CLEARED_BUCKET_MASK = 0xFF << CLEARED_BUCKET_SHIFT;

	static final VarHandle STATE;

	static {
		try {
			STATE = MethodHandles.lookup().findVarHandle(ScratchBuffer.class, "state", int.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * Flags above plus the cleared-usage bucket. Written by the thread using the buffer
	 * (HOLDS_ARRAY, EXPOSED, bucket) and by whichever thread closes the scope (CLOSED),
	 * so every change is a CAS; volatile so that a scope closed on another thread is seen
	 * closed by the user's next call.
	 */
	volatile int state;

	/**
	 * Null until the scope first asks for its buffer, and again once the buffer is
	 * released.
	 */
	byte @org.jspecify.annotations.Nullable [] array;

	int size;

	ScratchBuffer() {
	}

	/**
	 * Number of valid bytes.
	 * @return the size
	 */
	public int size() {
		checkOpen();
		return this.size;
	}

	/**
	 * Current capacity of the backing array.
	 * @return the capacity in bytes
	 */
	public int capacity() {
		return bytes().length;
	}

	/**
	 * The backing array; valid bytes are {@code [0, size())}. It must not be used after
	 * the scope ends. Handing it out means the whole capacity is zeroed on release, not
	 * only the bytes written through this API.
	 * @return the backing array
	 */
	public byte[] array() {
		byte[] bytes = bytes();
		setFlag(EXPOSED);
		return bytes;
	}

	/**
	 * Appends one byte.
	 * @param b the byte (low eight bits of the int)
	 */
	public void write(int b) {
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(position + 1);
		bytes[position] = (byte) b;
		this.size = position + 1;
	}

	/**
	 * Appends all of {@code source}.
	 * @param source the bytes to append
	 */
	public void write(byte[] source) {
		write(source, 0, source.length);
	}

	/**
	 * Appends {@code length} bytes of {@code source} starting at {@code offset}.
	 * @param source the bytes to append
	 * @param offset where in {@code source} to start
	 * @param length how many bytes to append
	 */
	public void write(byte[] source, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, source.length);
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, length));
		System.arraycopy(source, offset, bytes, position, length);
		this.size = position + length;
	}

	/**
	 * Grows the buffer, if needed, so that it holds at least {@code minCapacity} bytes.
	 * @param minCapacity the capacity required
	 */
	public void ensureCapacity(int minCapacity) {
		if (minCapacity < 0) {
			throw new IllegalArgumentException("'minCapacity' must not be negative, was " + minCapacity);
		}
		ensureCapacityInternal(minCapacity);
	}

	/**
	 * A copy of the valid bytes.
	 * @return a new array of length {@link #size()}
	 */
	public byte[] toByteArray() {
		return Arrays.copyOf(bytes(), this.size);
	}

	/**
	 * Writes the valid bytes to {@code out}.
	 * @param out the stream to write to
	 * @throws IOException if {@code out} fails
	 */
	public void writeTo(OutputStream out) throws IOException {
		out.write(bytes(), 0, this.size);
	}

	/**
	 * Appends everything {@code in} has until its end, growing as needed.
	 * @param in the stream to read from
	 * @return the number of bytes read
	 * @throws IOException if {@code in} fails
	 */
	public long readFrom(InputStream in) throws IOException {
		long total = 0;
		while (true) {
			byte[] bytes = ensureCapacityInternal(addExact(this.size, 1));
			// InputStream.read may only write the bytes it reports, so [size, capacity)
			// stays as clean as it was: no need to treat this as exposing the array.
			int read = in.read(bytes, this.size, bytes.length - this.size);
			if (read < 0) {
				return total;
			}
			this.size += read;
			total += read;
		}
	}

	/**
	 * Appends at most {@code maxBytes} from {@code in}, reading until that many arrived
	 * or the stream ended: the way to stream a body of any size through a buffer of
	 * bounded size.
	 * @param in the stream to read from
	 * @param maxBytes the most bytes to read
	 * @return the number of bytes read, or -1 if the stream had already ended
	 * @throws IOException if {@code in} fails
	 */
	public int readFrom(InputStream in, int maxBytes) throws IOException {
		if (maxBytes < 0) {
			throw new IllegalArgumentException("'maxBytes' must not be negative, was " + maxBytes);
		}
		byte[] bytes = ensureCapacityInternal(addExact(this.size, maxBytes));
		int total = 0;
		while (total < maxBytes) {
			int read = in.read(bytes, this.size, maxBytes - total);
			if (read < 0) {
				return (total == 0) ? -1 : total;
			}
			this.size += read;
			total += read;
		}
		return total;
	}

	/**
	 * An {@link OutputStream} that appends to this buffer; closing it has no effect.
	 * @return a stream view of this buffer
	 */
	public OutputStream outputStream() {
		checkOpen();
		return new OutputStream() {

			@Override
			public void write(int b) {
				ScratchBuffer.this.write(b);
			}

			@Override
			public void write(byte[] b, int off, int len) {
				ScratchBuffer.this.write(b, off, len);
			}

		};
	}

	/**
	 * Empties the buffer: size becomes 0, capacity and identity stay.
	 */
	public void clear() {
		byte[] bytes = bytes();
		int used = this.size;
		if (used > 0) {
			afterClear(bytes, used);
			this.size = 0;
		}
	}

	/**
	 * Called by {@link #clear()} with the content about to be discarded.
	 * @param bytes the backing array
	 * @param used the number of bytes being discarded
	 */
	abstract void afterClear(byte[] bytes, int used);

	/**
	 * The exception for a call on a buffer whose scope has ended.
	 * @return the exception to throw
	 */
	abstract IllegalStateException usedAfterRelease();

	/**
	 * Grows the backing array to hold at least {@code minCapacity} bytes.
	 * @param current the current array
	 * @param minCapacity the capacity required
	 * @return the new array, holding a copy of the valid bytes
	 */
	abstract byte[] grow(byte[] current, int minCapacity);

	final byte[] bytes() {
		byte[] bytes = this.array;
		if (bytes == null || (this.state & CLOSED) != 0) {
			throw usedAfterRelease();
		}
		return bytes;
	}

	final void checkOpen() {
		bytes();
	}

	final boolean isClosed() {
		return (this.state & CLOSED) != 0;
	}

	private byte[] ensureCapacityInternal(int minCapacity) {
		byte[] bytes = bytes();
		return (minCapacity <= bytes.length) ? bytes : grow(bytes, minCapacity);
	}

	final void setFlag(int flag) {
		int current;
		do {
			current = this.state;
			if ((current & flag) == flag) {
				return;
			}
		}
		while (!STATE.compareAndSet(this, current, current | flag));
	}

	static int newCapacity(int oldCapacity, int minCapacity) {
		int doubled = (oldCapacity > MAX_CAPACITY / 2) ? MAX_CAPACITY : oldCapacity * 2;
		return Math.max(doubled, minCapacity);
	}

	private static int addExact(int size, int length) {
		int sum = size + length;
		if (sum < 0 || sum > MAX_CAPACITY) {
			throw new OutOfMemoryError("A scratch buffer cannot hold " + ((long) size + length)
					+ " bytes: the largest Java array is " + MAX_CAPACITY + " bytes");
		}
		return sum;
	}

}
