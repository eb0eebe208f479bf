package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Request bodies through scratch buffers: a SHA-256 digest and gzip compression of bodies
 * of any size, streamed a buffer at a time and handed to the JDK through NIO views, and
 * an echo of a body read whole into the request's buffer.
 */
@RestController
class BodyController {

	/** The gzip member header (RFC 1952): deflate, no flags, no time, unknown OS. */
	private static final byte[] GZIP_HEADER = { 0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff };

	private final BufferManager bufferManager;

	private final SampleProperties properties;

	BodyController(BufferManager bufferManager, SampleProperties properties) {
		this.bufferManager = bufferManager;
		this.properties = properties;
	}

	/**
	 * Digests the body as it streams through the request's buffer, which the digest reads
	 * through a read-only view.
	 */
	@PostMapping(path = "/api/digest", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DigestResult digest(HttpServletRequest request) throws IOException {
		checkDeclaredLength(request);
		MessageDigest digest = sha256();
		ScratchBuffer buffer = this.bufferManager.current();
		long total = 0;
		while (readChunk(buffer, request.getInputStream(), total)) {
			total += buffer.size();
			digest.update(buffer.asByteBuffer());
			buffer.clear();
		}
		return new DigestResult("SHA-256", HexFormat.of().formatHex(digest.digest()), total);
	}

	/**
	 * Compresses the body into the request's buffer and returns it: the body streams
	 * through the buffer of a nested scope (scopes nest: each has a buffer of its own),
	 * the deflater reads it through a read-only view and writes straight into the free
	 * space of the response's buffer, and the gzip trailer is two little-endian ints.
	 */
	@PostMapping(path = "/api/gzip", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE, produces = "application/gzip")
	ScratchBuffer gzip(HttpServletRequest request) throws IOException {
		checkDeclaredLength(request);
		ScratchBuffer compressed = this.bufferManager.current().write(GZIP_HEADER);
		Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
		CRC32 crc = new CRC32();
		long total = 0;
		try (BufferScope inputScope = this.bufferManager.openScope()) {
			ScratchBuffer input = inputScope.buffer();
			while (readChunk(input, request.getInputStream(), total)) {
				total += input.size();
				crc.update(input.asByteBuffer());
				deflater.setInput(input.asByteBuffer());
				while (!deflater.needsInput()) {
					deflate(deflater, compressed);
				}
				input.clear();
			}
			deflater.finish();
			while (!deflater.finished()) {
				deflate(deflater, compressed);
			}
		}
		finally {
			deflater.end();
		}
		return compressed.writeIntLe((int) crc.getValue()).writeIntLe((int) total);
	}

	/**
	 * Echoes the body: Spring read it into the request's buffer (up to
	 * {@code scratch-buffer.request-body.max-size}, 413 beyond), and the same buffer is
	 * the response.
	 */
	@PostMapping(path = "/api/echo", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	ScratchBuffer echo(@RequestBody ScratchBuffer body) {
		return body;
	}

	/** Deflates into the buffer's free space, as much as the deflater has ready. */
	private static void deflate(Deflater deflater, ScratchBuffer target) {
		ByteBuffer view = target.writableByteBuffer(8192);
		deflater.deflate(view);
		target.commit(view.position());
	}

	/**
	 * Reads the next chunk of {@code in} into the empty {@code buffer}, up to its
	 * capacity, so that a body of any size costs one buffer of memory.
	 * @return whether anything was read
	 * @throws BodyTooLargeException once more than the limit has arrived
	 */
	private boolean readChunk(ScratchBuffer buffer, InputStream in, long readSoFar) throws IOException {
		if (buffer.readFrom(in, buffer.capacity()) < 0) {
			return false;
		}
		if (readSoFar + buffer.size() > this.properties.getMaxBodySize().toBytes()) {
			throw new BodyTooLargeException(this.properties.getMaxBodySize());
		}
		return true;
	}

	/**
	 * Refuses a body whose declared length is over the limit before reading any of it.
	 */
	private void checkDeclaredLength(HttpServletRequest request) {
		if (request.getContentLengthLong() > this.properties.getMaxBodySize().toBytes()) {
			throw new BodyTooLargeException(this.properties.getMaxBodySize());
		}
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform must support SHA-256", ex);
		}
	}

	/**
	 * A digest of a request body.
	 *
	 * @param algorithm the digest algorithm
	 * @param digest the digest, in lower-case hex
	 * @param bytes the number of bytes digested
	 */
	record DigestResult(String algorithm, String digest, long bytes) {
	}

}
