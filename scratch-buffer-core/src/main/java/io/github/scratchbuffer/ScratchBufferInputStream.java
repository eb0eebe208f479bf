package io.github.scratchbuffer;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.util.Objects;

/**
 * An {@link InputStream} over a buffer's content as it is at each call; every call checks
 * that the buffer's scope is still open, so a stream kept past its scope fails instead of
 * reading memory that may belong to another scope.
 */
final class ScratchBufferInputStream extends InputStream {

	private final ScratchBuffer buffer;

	private int position;

	private int mark;

	ScratchBufferInputStream(ScratchBuffer buffer) {
		this.buffer = buffer;
	}

	@Override
	public int read() {
		byte[] bytes = this.buffer.bytes();
		if (this.position >= this.buffer.size) {
			return -1;
		}
		return bytes[this.position++] & 0xFF;
	}

	@Override
	public int read(byte[] target, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, target.length);
		byte[] bytes = this.buffer.bytes();
		if (length == 0) {
			return 0;
		}
		int available = this.buffer.size - this.position;
		if (available <= 0) {
			return -1;
		}
		int count = Math.min(length, available);
		System.arraycopy(bytes, this.position, target, offset, count);
		this.position += count;
		return count;
	}

	@Override
	public long skip(long n) {
		this.buffer.checkOpen();
		long skipped = Math.max(0, Math.min(n, this.buffer.size - this.position));
		this.position += (int) skipped;
		return skipped;
	}

	@Override
	public int available() {
		this.buffer.checkOpen();
		return Math.max(0, this.buffer.size - this.position);
	}

	@Override
	public long transferTo(OutputStream out) throws IOException {
		Objects.requireNonNull(out, "'out' must not be null");
		byte[] bytes = this.buffer.bytes();
		int count = Math.max(0, this.buffer.size - this.position);
		out.write(bytes, this.position, count);
		this.position += count;
		return count;
	}

	@Override
	public boolean markSupported() {
		return true;
	}

	@Override
	public void mark(int readLimit) {
		this.mark = this.position;
	}

	@Override
	public void reset() {
		this.buffer.checkOpen();
		this.position = this.mark;
	}

}
