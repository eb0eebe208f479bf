package io.github.scratchbuffer.sample;

import java.util.zip.CRC32;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two endpoints the load test ({@code scripts/load-test.sh}) drives: one that never
 * touches the scratch buffer, so that what it measures is the starter's cost per request,
 * and one that fills 64 KiB of it, so that what it measures is the pool's.
 */
@RestController
class LoadController {

	/** Bytes {@code /api/fill} writes: a whole default-sized buffer. */
	static final int FILL_BYTES = 64 * 1024;

	/** What {@code /api/fill} writes, a line at a time. */
	private static final byte[] LINE = line();

	private final BufferManager bufferManager;

	LoadController(BufferManager bufferManager) {
		this.bufferManager = bufferManager;
	}

	/**
	 * Answers without asking for a buffer: the request's scope opens and closes and
	 * nothing else.
	 * @return {@code pong}
	 */
	@GetMapping(path = "/api/ping", produces = MediaType.TEXT_PLAIN_VALUE)
	String ping() {
		return "pong";
	}

	/**
	 * Renders 64 KiB into the request's buffer and answers with their CRC-32, so that the
	 * work is real but the response stays small: the load test measures the buffer, not
	 * the network.
	 * @return the CRC-32 of the bytes written, in hexadecimal
	 */
	@GetMapping(path = "/api/fill", produces = MediaType.TEXT_PLAIN_VALUE)
	String fill() {
		ScratchBuffer buffer = this.bufferManager.current();
		// Without the starter's filter (one of the load test's configurations) this is
		// the
		// thread's unscoped buffer, which keeps what the last request wrote.
		buffer.clear();
		for (int written = 0; written < FILL_BYTES; written += LINE.length) {
			buffer.write(LINE);
		}
		CRC32 crc = new CRC32();
		crc.update(buffer.asByteBuffer());
		return Long.toHexString(crc.getValue());
	}

	private static byte[] line() {
		byte[] line = new byte[64];
		for (int i = 0; i < line.length - 1; i++) {
			line[i] = (byte) ('a' + (i % 26));
		}
		line[line.length - 1] = '\n';
		return line;
	}

}
