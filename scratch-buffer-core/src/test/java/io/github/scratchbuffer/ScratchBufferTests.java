package io.github.scratchbuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The byte buffer itself: writing, growing, reading and writing streams, and use after
 * release.
 */
class ScratchBufferTests {

	private final BufferManager manager = BufferManager.builder().bufferSize(16).maxRetainedCapacity(64).build();

	private final BufferScope scope = this.manager.openScope();

	private final ScratchBuffer buffer = this.scope.buffer();

	@AfterEach
	void closeScope() {
		this.scope.close();
	}

	@Test
	void newBufferIsEmptyWithConfiguredCapacity() {
		assertThat(this.buffer.size()).isZero();
		assertThat(this.buffer.capacity()).isEqualTo(16);
	}

	@Test
	void writesAppendBytesInOrder() {
		this.buffer.write('a');
		this.buffer.write("bcd".getBytes(StandardCharsets.US_ASCII));
		this.buffer.write("xefx".getBytes(StandardCharsets.US_ASCII), 1, 2);
		assertThat(this.buffer.size()).isEqualTo(6);
		assertThat(new String(this.buffer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("abcdef");
		assertThat(new String(this.buffer.array(), 0, this.buffer.size(), StandardCharsets.US_ASCII))
			.isEqualTo("abcdef");
	}

	@Test
	void writeBeyondCapacityGrowsAndKeepsContent() {
		byte[] data = sequence(100);
		this.buffer.write(data, 0, 10);
		this.buffer.write(data, 10, 90);
		assertThat(this.buffer.capacity()).isGreaterThanOrEqualTo(100);
		assertThat(this.buffer.toByteArray()).isEqualTo(data);
	}

	@Test
	void ensureCapacityGrowsAtLeastToTheRequestedSize() {
		this.buffer.write(7);
		this.buffer.ensureCapacity(1000);
		assertThat(this.buffer.capacity()).isGreaterThanOrEqualTo(1000);
		assertThat(this.buffer.toByteArray()).containsExactly(7);
	}

	@Test
	void ensureCapacityRejectsANegativeCapacity() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.ensureCapacity(-1))
			.withMessage("'minCapacity' must not be negative, was -1");
	}

	@Test
	void writeRejectsARangeOutsideTheSource() {
		assertThatThrownBy(() -> this.buffer.write(new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
		assertThat(this.buffer.size()).isZero();
	}

	@Test
	void clearEmptiesButKeepsCapacityAndIdentity() {
		this.buffer.write(sequence(40));
		int capacity = this.buffer.capacity();
		this.buffer.clear();
		assertThat(this.buffer.size()).isZero();
		assertThat(this.buffer.capacity()).isEqualTo(capacity);
		assertThat(this.scope.buffer()).isSameAs(this.buffer);
		this.buffer.write(1);
		assertThat(this.buffer.toByteArray()).containsExactly(1);
	}

	@Test
	void readFromReadsToTheEndGrowingAsNeeded() throws IOException {
		byte[] data = sequence(1000);
		this.buffer.write(9);
		long read = this.buffer.readFrom(new TrickleInputStream(data));
		assertThat(read).isEqualTo(1000);
		assertThat(this.buffer.size()).isEqualTo(1001);
		assertThat(this.buffer.toByteArray()[0]).isEqualTo((byte) 9);
		assertThat(java.util.Arrays.copyOfRange(this.buffer.toByteArray(), 1, 1001)).isEqualTo(data);
	}

	@Test
	void readFromWithALimitStreamsInChunksOfAtMostThatSize() throws IOException {
		byte[] data = sequence(100);
		TrickleInputStream in = new TrickleInputStream(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int read;
		int chunks = 0;
		while ((read = this.buffer.readFrom(in, 30)) >= 0) {
			assertThat(read).isLessThanOrEqualTo(30);
			assertThat(this.buffer.size()).isEqualTo(read);
			this.buffer.writeTo(out);
			this.buffer.clear();
			chunks++;
		}
		assertThat(chunks).isEqualTo(4);
		assertThat(out.toByteArray()).isEqualTo(data);
		assertThat(this.buffer.capacity()).as("grown once, from 16 to 32 bytes").isEqualTo(32);
	}

	@Test
	void readFromWithALimitRejectsANegativeLimit() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.buffer.readFrom(new ByteArrayInputStream(new byte[1]), -1))
			.withMessage("'maxBytes' must not be negative, was -1");
	}

	@Test
	void readFromAnEmptyStreamReadsNothing() throws IOException {
		assertThat(this.buffer.readFrom(new ByteArrayInputStream(new byte[0]))).isZero();
		assertThat(this.buffer.size()).isZero();
	}

	@Test
	void writeToWritesTheValidBytes() throws IOException {
		this.buffer.write(sequence(20));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		this.buffer.writeTo(out);
		assertThat(out.toByteArray()).isEqualTo(sequence(20));
	}

	@Test
	void outputStreamAppendsToTheBuffer() throws IOException {
		try (OutputStream out = this.buffer.outputStream()) {
			out.write('h');
			out.write("ello".getBytes(StandardCharsets.US_ASCII));
		}
		assertThat(new String(this.buffer.toByteArray(), StandardCharsets.US_ASCII)).isEqualTo("hello");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operations")
	void everyOperationFailsAfterTheScopeCloses(String name, Consumer<ScratchBuffer> operation) {
		OutputStream out = this.buffer.outputStream();
		this.scope.close();
		assertThatIllegalStateException().isThrownBy(() -> operation.accept(this.buffer))
			.withMessageContaining("used after its scope ended");
		assertThatIllegalStateException().isThrownBy(() -> out.write(1))
			.withMessageContaining("used after its scope ended");
	}

	static List<Object[]> operations() {
		return List.of(operation("size", ScratchBuffer::size), operation("capacity", ScratchBuffer::capacity),
				operation("array", ScratchBuffer::array), operation("write(int)", (buffer) -> buffer.write(1)),
				operation("write(byte[])", (buffer) -> buffer.write(new byte[1])),
				operation("write(byte[], int, int)", (buffer) -> buffer.write(new byte[1], 0, 1)),
				operation("ensureCapacity", (buffer) -> buffer.ensureCapacity(1)),
				operation("toByteArray", ScratchBuffer::toByteArray),
				operation("writeTo", (buffer) -> uncheck(() -> buffer.writeTo(new ByteArrayOutputStream()))),
				operation("readFrom",
						(buffer) -> uncheck(() -> buffer.readFrom(new ByteArrayInputStream(new byte[1])))),
				operation("readFrom(limit)",
						(buffer) -> uncheck(() -> buffer.readFrom(new ByteArrayInputStream(new byte[1]), 1))),
				operation("outputStream", ScratchBuffer::outputStream), operation("clear", ScratchBuffer::clear),
				operation("write(ByteBuffer)", (buffer) -> buffer.write(java.nio.ByteBuffer.allocate(1))),
				operation("writeUtf8", (buffer) -> buffer.writeUtf8("a")),
				operation("writeUtf8(range)", (buffer) -> buffer.writeUtf8("ab", 0, 1)),
				operation("writeAscii", (buffer) -> buffer.writeAscii("a")),
				operation("writeLatin1", (buffer) -> buffer.writeLatin1("a")),
				operation("write(CharSequence, Charset)", (buffer) -> buffer.write("a", StandardCharsets.UTF_16)),
				operation("writeDecimal", (buffer) -> buffer.writeDecimal(1)),
				operation("writeHex", (buffer) -> buffer.writeHex(1)),
				operation("writeShort", (buffer) -> buffer.writeShort(1)),
				operation("writeShortLe", (buffer) -> buffer.writeShortLe(1)),
				operation("writeInt", (buffer) -> buffer.writeInt(1)),
				operation("writeIntLe", (buffer) -> buffer.writeIntLe(1)),
				operation("writeLong", (buffer) -> buffer.writeLong(1)),
				operation("writeLongLe", (buffer) -> buffer.writeLongLe(1)),
				operation("toString(Charset)", (buffer) -> buffer.toString(StandardCharsets.UTF_8)),
				operation("asByteBuffer", ScratchBuffer::asByteBuffer),
				operation("writableByteBuffer", (buffer) -> buffer.writableByteBuffer(1)),
				operation("commit", (buffer) -> buffer.commit(0)),
				operation("readFrom(channel)",
						(buffer) -> uncheck(() -> buffer
							.readFrom(java.nio.channels.Channels.newChannel(new ByteArrayInputStream(new byte[1]))))),
				operation("writeTo(channel)", (buffer) -> uncheck(
						() -> buffer.writeTo(java.nio.channels.Channels.newChannel(new ByteArrayOutputStream())))),
				operation("inputStream", ScratchBuffer::inputStream));
	}

	private static Object[] operation(String name, Consumer<ScratchBuffer> operation) {
		return new Object[] { name, operation };
	}

	private static void uncheck(IoAction action) {
		try {
			action.run();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static byte[] sequence(int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (i * 31 + 7);
		}
		return bytes;
	}

	interface IoAction {

		void run() throws IOException;

	}

	/** Hands out at most 7 bytes per read, as a slow socket does. */
	static final class TrickleInputStream extends InputStream {

		private final ByteArrayInputStream source;

		TrickleInputStream(byte[] data) {
			this.source = new ByteArrayInputStream(data);
		}

		@Override
		public int read() {
			return this.source.read();
		}

		@Override
		public int read(byte[] b, int off, int len) {
			return this.source.read(b, off, Math.min(len, 7));
		}

	}

}
