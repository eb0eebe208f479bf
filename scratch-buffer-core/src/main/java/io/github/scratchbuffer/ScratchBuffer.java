package io.github.scratchbuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import io.github.scratchbuffer.internal.FixedWidth;
import io.github.scratchbuffer.internal.NumberText;
import io.github.scratchbuffer.internal.SingleByteText;
import io.github.scratchbuffer.internal.Utf8;

/**
 * A growable byte buffer that belongs to one {@link BufferScope}: like a reusable
 * {@code ByteArrayOutputStream} without locks. Valid bytes are {@code [0, size())} of
 * {@link #array()}. Not thread-safe: use it from the thread running the scope's work.
 * <p>
 * Once its scope has closed, every method throws {@link IllegalStateException}: the
 * memory behind a released buffer may already belong to another scope, so a late use must
 * fail rather than read or overwrite someone else's data. The streams it hands out
 * ({@link #inputStream()}, {@link #outputStream()}) throw too; the {@link ByteBuffer}
 * views ({@link #asByteBuffer()}, {@link #writableByteBuffer(int)}) and {@link #array()}
 * cannot be revoked, so they are valid inside the scope only.
 * <p>
 * Text and numbers are encoded straight into the buffer, allocating nothing: every
 * {@code write…} method appends, grows the buffer as needed and returns the buffer for
 * chaining: {@code buffer.writeUtf8("id=").writeDecimal(id).write('\n')}.
 * <p>
 * Zero-on-release zeroes only what may have been written: the content, and the free space
 * a {@link #writableByteBuffer(int)} view made writable (no more than it asked for). Only
 * {@link #array()} makes the whole capacity count as written.
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

	/**
	 * End of the free space that {@link #writableByteBuffer(int)} handed out in the
	 * current array: {@code [size, writableLimit)} may hold bytes written through a view
	 * and not committed, so zeroing must cover it. 0 when no view is outstanding.
	 */
	int writableLimit;

	ScratchBuffer() {
	}

	/**
	 * Number of bytes {@link #writeUtf8(CharSequence)} writes for {@code chars}: to size
	 * a buffer or a length prefix ahead.
	 * @param chars the text
	 * @return the UTF-8 length, exactly as {@code String.getBytes(UTF_8).length}
	 * @throws IllegalArgumentException if the encoded text would be longer than any array
	 */
	public static int utf8Length(CharSequence chars) {
		Objects.requireNonNull(chars, "'chars' must not be null");
		long length = Utf8.encodedLength(chars, 0, chars.length());
		if (length > MAX_CAPACITY) {
			throw new IllegalArgumentException("'chars' encodes to " + length
					+ " bytes of UTF-8, more than the largest Java array (" + MAX_CAPACITY + " bytes)");
		}
		return (int) length;
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
	 * @return this buffer
	 */
	public ScratchBuffer write(int b) {
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, 1));
		bytes[position] = (byte) b;
		this.size = position + 1;
		return this;
	}

	/**
	 * Appends all of {@code source}.
	 * @param source the bytes to append
	 * @return this buffer
	 */
	public ScratchBuffer write(byte[] source) {
		Objects.requireNonNull(source, "'source' must not be null");
		return write(source, 0, source.length);
	}

	/**
	 * Appends {@code length} bytes of {@code source} starting at {@code offset}.
	 * @param source the bytes to append
	 * @param offset where in {@code source} to start
	 * @param length how many bytes to append
	 * @return this buffer
	 */
	public ScratchBuffer write(byte[] source, int offset, int length) {
		Objects.requireNonNull(source, "'source' must not be null");
		Objects.checkFromIndexSize(offset, length, source.length);
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, length));
		System.arraycopy(source, offset, bytes, position, length);
		this.size = position + length;
		return this;
	}

	/**
	 * Appends the remaining bytes of {@code source}, which it consumes (its position
	 * moves to its limit).
	 * @param source the bytes to append
	 * @return this buffer
	 */
	public ScratchBuffer write(ByteBuffer source) {
		Objects.requireNonNull(source, "'source' must not be null");
		int length = source.remaining();
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, length));
		source.get(bytes, position, length);
		this.size = position + length;
		return this;
	}

	/**
	 * Appends {@code chars} encoded as UTF-8, byte for byte what
	 * {@code String.getBytes(UTF_8)} gives: a surrogate pair as four bytes, a surrogate
	 * without its partner as {@code '?'}.
	 * @param chars the text
	 * @return this buffer
	 */
	public ScratchBuffer writeUtf8(CharSequence chars) {
		Objects.requireNonNull(chars, "'chars' must not be null");
		return writeUtf8(chars, 0, chars.length());
	}

	/**
	 * Appends chars {@code [start, end)} of {@code chars} encoded as UTF-8, as
	 * {@link #writeUtf8(CharSequence)} does; a surrogate pair split by {@code start} or
	 * {@code end} counts as unpaired.
	 * @param chars the text
	 * @param start the first char, inclusive
	 * @param end the last char, exclusive
	 * @return this buffer
	 */
	public ScratchBuffer writeUtf8(CharSequence chars, int start, int end) {
		Objects.requireNonNull(chars, "'chars' must not be null");
		Objects.checkFromToIndex(start, end, chars.length());
		int position = this.size;
		// Room for one byte per char, the exact need of ASCII text.
		byte[] bytes = ensureCapacityInternal(addExact(position, end - start));
		int next = Utf8.encodeAsciiPrefix(chars, start, end, bytes, position);
		position += next - start;
		if (next < end) {
			if (bytes.length - position < Utf8.maxEncodedLength(end - next)) {
				// Not sure to fit: measure first, so that the buffer grows to what the
				// text needs and no further. Otherwise one pass encodes straight away.
				this.size = position;
				bytes = ensureCapacityInternal(addExact(position, Utf8.encodedLength(chars, next, end)));
			}
			position = Utf8.encode(chars, next, end, bytes, position);
		}
		this.size = position;
		return this;
	}

	/**
	 * Appends {@code chars} as US-ASCII, one byte per char: a char above 0x7F becomes
	 * {@code '?'} (a surrogate pair one {@code '?'}), as
	 * {@code String.getBytes(US_ASCII)} does.
	 * @param chars the text
	 * @return this buffer
	 */
	public ScratchBuffer writeAscii(CharSequence chars) {
		return writeSingleByte(chars, SingleByteText.ASCII_MAX);
	}

	/**
	 * Appends {@code chars} as ISO-8859-1, one byte per char: a char above 0xFF becomes
	 * {@code '?'} (a surrogate pair one {@code '?'}), as
	 * {@code String.getBytes(ISO_8859_1)} does.
	 * @param chars the text
	 * @return this buffer
	 */
	public ScratchBuffer writeLatin1(CharSequence chars) {
		return writeSingleByte(chars, SingleByteText.LATIN1_MAX);
	}

	/**
	 * Appends {@code chars} in {@code charset}, with the charset's replacement for what
	 * it cannot encode, as {@code String.getBytes(charset)} does. UTF-8, US-ASCII and
	 * ISO-8859-1 take the allocation-free encoders above; any other charset encodes
	 * straight into the buffer through a new {@link java.nio.charset.CharsetEncoder}.
	 * @param chars the text
	 * @param charset the charset
	 * @return this buffer
	 */
	public ScratchBuffer write(CharSequence chars, Charset charset) {
		Objects.requireNonNull(chars, "'chars' must not be null");
		Objects.requireNonNull(charset, "'charset' must not be null");
		if (charset.equals(StandardCharsets.UTF_8)) {
			return writeUtf8(chars);
		}
		if (charset.equals(StandardCharsets.US_ASCII)) {
			return writeAscii(chars);
		}
		if (charset.equals(StandardCharsets.ISO_8859_1)) {
			return writeLatin1(chars);
		}
		checkOpen();
		CharsetText.encode(this, chars, charset);
		return this;
	}

	/**
	 * Appends {@code value} in decimal ASCII digits, with a {@code '-'} if negative, as
	 * {@code Long.toString(value)} spells it.
	 * @param value any value; an {@code int} widens to it
	 * @return this buffer
	 */
	public ScratchBuffer writeDecimal(long value) {
		int position = this.size;
		int length = NumberText.decimalLength(value);
		byte[] bytes = ensureCapacityInternal(addExact(position, length));
		this.size = NumberText.writeDecimal(value, length, bytes, position);
		return this;
	}

	/**
	 * Appends {@code value} as unsigned lower-case hexadecimal without leading zeros
	 * ({@code 0} as {@code "0"}, {@code -1} as sixteen {@code 'f'}), as
	 * {@code Long.toHexString(value)} spells it.
	 * @param value any value, taken as unsigned
	 * @return this buffer
	 */
	public ScratchBuffer writeHex(long value) {
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, NumberText.hexLength(value)));
		this.size = NumberText.writeHex(value, bytes, position);
		return this;
	}

	/**
	 * Appends the low 16 bits of {@code value}, big-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeShort(int value) {
		FixedWidth.putShort(reserve(Short.BYTES), this.size, (short) value, false);
		this.size += Short.BYTES;
		return this;
	}

	/**
	 * Appends the low 16 bits of {@code value}, little-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeShortLe(int value) {
		FixedWidth.putShort(reserve(Short.BYTES), this.size, (short) value, true);
		this.size += Short.BYTES;
		return this;
	}

	/**
	 * Appends {@code value} as four bytes, big-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeInt(int value) {
		FixedWidth.putInt(reserve(Integer.BYTES), this.size, value, false);
		this.size += Integer.BYTES;
		return this;
	}

	/**
	 * Appends {@code value} as four bytes, little-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeIntLe(int value) {
		FixedWidth.putInt(reserve(Integer.BYTES), this.size, value, true);
		this.size += Integer.BYTES;
		return this;
	}

	/**
	 * Appends {@code value} as eight bytes, big-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeLong(long value) {
		FixedWidth.putLong(reserve(Long.BYTES), this.size, value, false);
		this.size += Long.BYTES;
		return this;
	}

	/**
	 * Appends {@code value} as eight bytes, little-endian.
	 * @param value the value
	 * @return this buffer
	 */
	public ScratchBuffer writeLongLe(long value) {
		FixedWidth.putLong(reserve(Long.BYTES), this.size, value, true);
		this.size += Long.BYTES;
		return this;
	}

	/**
	 * The content as text.
	 * @param charset how the content is encoded
	 * @return a new string of the bytes {@code [0, size())}
	 */
	public String toString(Charset charset) {
		Objects.requireNonNull(charset, "'charset' must not be null");
		return new String(bytes(), 0, this.size, charset);
	}

	/**
	 * A read-only view of the content {@code [0, size())}, for NIO consumers
	 * ({@code MessageDigest.update(ByteBuffer)}, {@code Deflater.setInput(ByteBuffer)}, a
	 * channel's {@code write}) without copying. Read-only, so it marks nothing as
	 * written. It cannot be revoked: use it inside the scope only, and take a new one
	 * after the buffer grows (a view of the old array no longer sees new writes).
	 * @return a new read-only view, position 0, limit {@code size()}
	 */
	public ByteBuffer asByteBuffer() {
		return ByteBuffer.wrap(bytes(), 0, this.size).slice().asReadOnlyBuffer();
	}

	/**
	 * A writable view of the free space after the content, with exactly {@code minBytes}
	 * remaining (the buffer grows first if it has less free space): hand it to
	 * {@code channel.read(...)}, {@code CharsetEncoder.encode(...)} or
	 * {@code Inflater.inflate(ByteBuffer)}, then {@link #commit(int)} what they wrote
	 * ({@code view.position()}) to add it to the content. Only those {@code minBytes}
	 * count as written for zero-on-release, not the whole capacity. Valid inside the
	 * scope and until the next call that grows the buffer; do not use the view's
	 * {@code array()}.
	 * @param minBytes how many bytes the view must take, at least 0
	 * @return a new view, position 0, limit {@code minBytes}
	 */
	public ByteBuffer writableByteBuffer(int minBytes) {
		if (minBytes < 0) {
			throw new IllegalArgumentException("'minBytes' must not be negative, was " + minBytes);
		}
		int position = this.size;
		int limit = addExact(position, minBytes);
		byte[] bytes = ensureCapacityInternal(limit);
		this.writableLimit = Math.max(this.writableLimit, limit);
		return ByteBuffer.wrap(bytes, position, minBytes).slice();
	}

	/**
	 * Adds to the content {@code bytes} bytes written into the free space through a
	 * {@link #writableByteBuffer(int)} view.
	 * @param bytes how many bytes were written, from the start of the view
	 * @return this buffer
	 * @throws IllegalArgumentException if {@code bytes} is negative or more than the
	 * views taken since the last commit made writable
	 */
	public ScratchBuffer commit(int bytes) {
		checkOpen();
		int writable = Math.max(0, this.writableLimit - this.size);
		if (bytes < 0 || bytes > writable) {
			throw new IllegalArgumentException("'bytes' must be between 0 and " + writable
					+ " (the free space made writable by writableByteBuffer since the content last grew), was "
					+ bytes);
		}
		this.size += bytes;
		return this;
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
	 * Writes the valid bytes to {@code channel}, looping until all are written. A
	 * non-blocking channel that takes nothing ends the loop early: compare the result
	 * with {@link #size()}, or write {@link #asByteBuffer()} yourself.
	 * @param channel the channel to write to
	 * @return the number of bytes written
	 * @throws IOException if {@code channel} fails
	 */
	public int writeTo(WritableByteChannel channel) throws IOException {
		Objects.requireNonNull(channel, "'channel' must not be null");
		ByteBuffer content = asByteBuffer();
		while (content.hasRemaining()) {
			if (channel.write(content) == 0 && !isBlocking(channel)) {
				break;
			}
		}
		return content.position();
	}

	/**
	 * Appends everything {@code channel} has until its end, growing as needed. A
	 * non-blocking channel with nothing to read right now ends the call early.
	 * @param channel the channel to read from
	 * @return the number of bytes read
	 * @throws IOException if {@code channel} fails
	 */
	public long readFrom(ReadableByteChannel channel) throws IOException {
		Objects.requireNonNull(channel, "'channel' must not be null");
		long total = 0;
		ByteBuffer window = null;
		while (true) {
			byte[] bytes = ensureCapacityInternal(addExact(this.size, 1));
			if (window == null || window.array() != bytes) {
				window = ByteBuffer.wrap(bytes);
			}
			// A channel writes only the bytes it reports (its contract), so the free
			// space
			// stays as clean as it was: nothing to count as written.
			window.limit(bytes.length).position(this.size);
			int read = channel.read(window);
			if (read <= 0) {
				return total;
			}
			this.size += read;
			total += read;
		}
	}

	/**
	 * A stream over the content: reads {@code [0, size())} as it is at each call, from
	 * the start. Its methods throw once the scope has ended; closing it has no effect.
	 * @return a new stream
	 */
	public InputStream inputStream() {
		checkOpen();
		return new ScratchBufferInputStream(this);
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
		int written = Math.max(used, this.writableLimit);
		if (written > 0) {
			afterClear(bytes, used, written);
			this.size = 0;
			this.writableLimit = 0;
		}
	}

	/**
	 * Called by {@link #clear()} with the content about to be discarded.
	 * @param bytes the backing array
	 * @param used the number of bytes being discarded
	 * @param written the extent that may hold written bytes, at least {@code used}
	 */
	abstract void afterClear(byte[] bytes, int used, int written);

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

	final byte[] ensureCapacityInternal(int minCapacity) {
		byte[] bytes = bytes();
		return (minCapacity <= bytes.length) ? bytes : grow(bytes, minCapacity);
	}

	/**
	 * Makes room for {@code length} more bytes and returns the array to write them to.
	 */
	private byte[] reserve(int length) {
		return ensureCapacityInternal(addExact(this.size, length));
	}

	private ScratchBuffer writeSingleByte(CharSequence chars, char max) {
		Objects.requireNonNull(chars, "'chars' must not be null");
		int position = this.size;
		byte[] bytes = ensureCapacityInternal(addExact(position, chars.length()));
		this.size = SingleByteText.encode(chars, 0, chars.length(), max, bytes, position);
		return this;
	}

	private static boolean isBlocking(WritableByteChannel channel) {
		return !(channel instanceof SelectableChannel selectable) || selectable.isBlocking();
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

	static int addExact(int size, long length) {
		long sum = size + length;
		if (sum > MAX_CAPACITY) {
			throw new OutOfMemoryError("A scratch buffer cannot hold " + sum + " bytes: the largest Java array is "
					+ MAX_CAPACITY + " bytes");
		}
		return (int) sum;
	}

}
