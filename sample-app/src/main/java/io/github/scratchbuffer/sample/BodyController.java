package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Streams request bodies through scratch buffers: a SHA-256 digest, and gzip compression.
 */
@RestController
class BodyController {

	private final BufferManager bufferManager;

	private final SampleProperties properties;

	BodyController(BufferManager bufferManager, SampleProperties properties) {
		this.bufferManager = bufferManager;
		this.properties = properties;
	}

	/**
	 * Digests the body as it streams through the request's buffer.
	 */
	@PostMapping(path = "/api/digest", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DigestResult digest(HttpServletRequest request) throws IOException {
		checkDeclaredLength(request);
		MessageDigest digest = sha256();
		long total = streamThrough(this.bufferManager.current(), request.getInputStream(),
				new DigestOutputStream(OutputStream.nullOutputStream(), digest));
		return new DigestResult("SHA-256", HexFormat.of().formatHex(digest.digest()), total);
	}

	/**
	 * Compresses the body into the request's buffer, reading it through the buffer of a
	 * nested scope (scopes nest: each has a buffer of its own), then writes the result.
	 */
	@PostMapping(path = "/api/gzip", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	void gzip(HttpServletRequest request, HttpServletResponse response) throws IOException {
		checkDeclaredLength(request);
		ScratchBuffer compressed = this.bufferManager.current();
		try (BufferScope input = this.bufferManager.openScope();
				GZIPOutputStream gzip = new GZIPOutputStream(compressed.outputStream())) {
			streamThrough(input.buffer(), request.getInputStream(), gzip);
		}
		response.setContentType("application/gzip");
		response.setContentLength(compressed.size());
		compressed.writeTo(response.getOutputStream());
	}

	/**
	 * Copies {@code in} to {@code out} through {@code buffer}, a buffer's capacity at a
	 * time, so that a body of any size costs one buffer of memory.
	 * @return the number of bytes copied
	 * @throws BodyTooLargeException once more than the limit has arrived
	 */
	private long streamThrough(ScratchBuffer buffer, InputStream in, OutputStream out) throws IOException {
		long limit = this.properties.getMaxBodySize().toBytes();
		long total = 0;
		int read;
		while ((read = buffer.readFrom(in, buffer.capacity())) >= 0) {
			total += read;
			if (total > limit) {
				throw new BodyTooLargeException(this.properties.getMaxBodySize());
			}
			buffer.writeTo(out);
			buffer.clear();
		}
		return total;
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
