package io.github.scratchbuffer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NIO views, channels and the input stream: no copies, and no more of the capacity
 * counted as written than was handed out.
 */
class ScratchBufferNioTests {

	private final BufferManager manager = BufferManager.builder()
		.bufferSize(64)
		.maxRetainedCapacity(4096)
		.poolingEnabled(true)
		.maxPoolSize(1)
		.build();

	private final BufferScope scope = this.manager.openScope();

	private final ScratchBuffer buffer = this.scope.buffer();

	@AfterEach
	void closeScope() {
		this.scope.close();
	}

	@Test
	void asByteBufferIsAReadOnlyViewOfTheContent() throws Exception {
		this.buffer.writeAscii("digest me");
		ByteBuffer view = this.buffer.asByteBuffer();
		assertThat(view.isReadOnly()).isTrue();
		assertThat(view.position()).isZero();
		assertThat(view.remaining()).isEqualTo(9);
		assertThat(view.capacity()).isEqualTo(9);
		assertThatThrownBy(() -> view.put(0, (byte) 1)).isInstanceOf(ReadOnlyBufferException.class);
		MessageDigest digest = MessageDigest.getInstance("SHA-256");
		digest.update(view);
		assertThat(digest.digest())
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest("digest me".getBytes(StandardCharsets.US_ASCII)));
		assertThat(this.buffer.state & ScratchBuffer.EXPOSED).as("marked as exposed").isZero();
	}

	@Test
	void writableByteBufferHasExactlyTheRequestedRoomAfterTheContent() {
		this.buffer.writeAscii("head:");
		ByteBuffer view = this.buffer.writableByteBuffer(10);
		assertThat(view.position()).isZero();
		assertThat(view.remaining()).isEqualTo(10);
		view.put("tail".getBytes(StandardCharsets.US_ASCII));
		assertThat(this.buffer.size()).as("nothing is content before commit").isEqualTo(5);
		this.buffer.commit(view.position());
		assertThat(this.buffer.toString(StandardCharsets.US_ASCII)).isEqualTo("head:tail");
		assertThat(this.buffer.state & ScratchBuffer.EXPOSED).as("marked as exposed").isZero();
	}

	@Test
	void writableByteBufferGrowsFirstWhenTheFreeSpaceIsTooSmall() {
		this.buffer.write(new byte[60]);
		ByteBuffer view = this.buffer.writableByteBuffer(100);
		assertThat(view.remaining()).isEqualTo(100);
		assertThat(this.buffer.capacity()).isGreaterThanOrEqualTo(160);
		assertThat(this.buffer.size()).isEqualTo(60);
	}

	@Test
	void commitRefusesMoreThanTheViewMadeWritable() {
		this.buffer.writableByteBuffer(8);
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.commit(9))
			.withMessageStartingWith("'bytes' must be between 0 and 8")
			.withMessageEndingWith("was 9");
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.commit(-1)).withMessageEndingWith("was -1");
		this.buffer.commit(8);
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.commit(1))
			.withMessageStartingWith("'bytes' must be between 0 and 0");
	}

	@Test
	void commitWithoutAViewIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.commit(1))
			.withMessageStartingWith("'bytes' must be between 0 and 0");
		this.buffer.commit(0);
		assertThat(this.buffer.size()).isZero();
	}

	@Test
	void growingAfterTakingAViewInvalidatesIt() {
		this.buffer.writableByteBuffer(10);
		this.buffer.write(new byte[100]);
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.commit(10));
	}

	@Test
	void writableByteBufferRejectsANegativeSize() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.buffer.writableByteBuffer(-1))
			.withMessage("'minBytes' must not be negative, was -1");
	}

	@Test
	void anEncoderWritesStraightIntoTheBuffer() {
		CharsetEncoder encoder = StandardCharsets.UTF_16BE.newEncoder();
		ByteBuffer view = this.buffer.writableByteBuffer(8);
		CoderResult result = encoder.encode(java.nio.CharBuffer.wrap("hi"), view, true);
		assertThat(result.isUnderflow()).isTrue();
		this.buffer.commit(view.position());
		assertThat(this.buffer.toByteArray()).isEqualTo("hi".getBytes(StandardCharsets.UTF_16BE));
	}

	@Test
	void deflateFromAndInflateIntoTheBuffer() throws Exception {
		byte[] original = "abcabcabc".repeat(500).getBytes(StandardCharsets.US_ASCII);
		this.buffer.write(original);
		Deflater deflater = new Deflater();
		deflater.setInput(this.buffer.asByteBuffer());
		deflater.finish();
		try (BufferScope compressedScope = this.manager.openScope()) {
			ScratchBuffer compressed = compressedScope.buffer();
			while (!deflater.finished()) {
				ByteBuffer view = compressed.writableByteBuffer(64);
				deflater.deflate(view);
				compressed.commit(view.position());
			}
			deflater.end();
			this.buffer.clear();
			Inflater inflater = new Inflater();
			inflater.setInput(compressed.asByteBuffer());
			while (!inflater.finished()) {
				ByteBuffer view = this.buffer.writableByteBuffer(256);
				inflater.inflate(view);
				this.buffer.commit(view.position());
			}
			inflater.end();
		}
		assertThat(this.buffer.toByteArray()).isEqualTo(original);
	}

	@Test
	void uncommittedBytesWrittenThroughAViewAreZeroedBeforeReuse() {
		this.buffer.writeAscii("kept");
		ByteBuffer view = this.buffer.writableByteBuffer(20);
		view.put("not committed, secret".getBytes(StandardCharsets.US_ASCII), 0, 20);
		assertThat(this.buffer.writableLimit).isEqualTo(24);
		this.scope.close();
		try (BufferScope next = this.manager.openScope()) {
			assertThat(next.buffer().array()).containsOnly(0);
		}
		assertThat(this.manager.stats().hits()).isOne();
	}

	@Test
	void clearZeroesWhatAViewMadeWritableToo() {
		ByteBuffer view = this.buffer.writableByteBuffer(30);
		view.put(new byte[] { 1, 2, 3 });
		// The field, not array(): handing the array out would make clear() leave it to
		// the release, which then zeroes all of it.
		byte[] array = this.buffer.array;
		this.buffer.clear();
		assertThat(array).containsOnly(0);
		assertThat(this.buffer.writableLimit).isZero();
	}

	@Test
	void readFromAChannelReadsToItsEndGrowingAsNeeded() throws IOException {
		byte[] data = ScratchBufferTests.sequence(1000);
		ReadableByteChannel channel = Channels.newChannel(new ScratchBufferTests.TrickleInputStream(data));
		this.buffer.write('>');
		assertThat(this.buffer.readFrom(channel)).isEqualTo(1000);
		assertThat(this.buffer.size()).isEqualTo(1001);
		assertThat(this.buffer.asByteBuffer().get(1)).isEqualTo(data[0]);
		assertThat(this.buffer.state & ScratchBuffer.EXPOSED).isZero();
		assertThat(this.buffer.writableLimit).isZero();
	}

	@Test
	void readFromANonBlockingChannelStopsWhenNothingIsAvailable() throws IOException {
		Pipe pipe = Pipe.open();
		try (Pipe.SinkChannel sink = pipe.sink(); Pipe.SourceChannel source = pipe.source()) {
			source.configureBlocking(false);
			sink.write(ByteBuffer.wrap(new byte[] { 1, 2, 3 }));
			assertThat(this.buffer.readFrom(source)).isEqualTo(3);
			assertThat(this.buffer.readFrom(source)).isZero();
		}
	}

	@Test
	void writeToAChannelWritesTheContent() throws IOException {
		this.buffer.writeUtf8("to the channel \u2713");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(this.buffer.writeTo(Channels.newChannel(out))).isEqualTo(this.buffer.size());
		assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("to the channel \u2713");
	}

	@Test
	void inputStreamReadsTheContentFromTheStart() throws IOException {
		this.buffer.write(ScratchBufferTests.sequence(300));
		InputStream in = this.buffer.inputStream();
		assertThat(in.available()).isEqualTo(300);
		assertThat(in.read()).isEqualTo(ScratchBufferTests.sequence(1)[0] & 0xFF);
		in.mark(0);
		assertThat(in.skip(9)).isEqualTo(9);
		byte[] rest = in.readAllBytes();
		assertThat(rest).hasSize(290);
		assertThat(in.read()).isEqualTo(-1);
		in.reset();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		assertThat(in.transferTo(out)).isEqualTo(299);
		assertThat(new ByteArrayInputStream(out.toByteArray()).readAllBytes())
			.isEqualTo(java.util.Arrays.copyOfRange(ScratchBufferTests.sequence(300), 1, 300));
	}

	@Test
	void theInputStreamFailsOnceTheScopeEnds() {
		this.buffer.write(1);
		InputStream in = this.buffer.inputStream();
		this.scope.close();
		assertThatIllegalStateException().isThrownBy(in::read).withMessageContaining("used after its scope ended");
		assertThatIllegalStateException().isThrownBy(in::available);
		assertThatIllegalStateException().isThrownBy(() -> in.read(new byte[4], 0, 4));
		assertThatIllegalStateException().isThrownBy(() -> in.transferTo(new ByteArrayOutputStream()));
	}

	@Test
	void writeAByteBufferConsumesIt() {
		ByteBuffer source = ByteBuffer.wrap(ScratchBufferTests.sequence(200));
		source.position(50);
		this.buffer.write(source);
		assertThat(source.hasRemaining()).isFalse();
		assertThat(this.buffer.toByteArray())
			.isEqualTo(java.util.Arrays.copyOfRange(ScratchBufferTests.sequence(200), 50, 200));
	}

}
