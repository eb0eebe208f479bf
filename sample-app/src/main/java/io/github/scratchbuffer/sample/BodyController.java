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
	 * Reads the body chunk by chunk into the request's buffer, so a body of any size (up to the
	 * limit) costs one buffer of memory.
	 */
	@PostMapping(path = "/api/digest", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE,
			produces = MediaType.APPLICATION_JSON_VALUE)
	DigestResult digest(HttpServletRequest request) throws IOException {
		long limit = checkDeclaredLength(request);
		ScratchBuffer buffer = this.bufferManager.current();
		MessageDigest digest = sha256();
		OutputStream digester = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
		InputStream body = request.getInputStream();
		long total = 0;
		int read;
		while ((read = buffer.readFrom(body, buffer.capacity())) >= 0) {
			total += read;
			if (total > limit) {
				throw new BodyTooLargeException(this.properties.getMaxBodySize());
			}
			buffer.writeTo(digester);
			buffer.clear();
		}
		return new DigestResult("SHA-256", HexFormat.of().formatHex(digest.digest()), total);
	}

	/**
	 * Compresses the body into the request's buffer, reading it through the buffer of a nested
	 * scope, then writes the result.
	 */
	@PostMapping(path = "/api/gzip", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
	void gzip(HttpServletRequest request, HttpServletResponse response) throws IOException {
		long limit = checkDeclaredLength(request);
		ScratchBuffer compressed = this.bufferManager.current();
		try (BufferScope input = this.bufferManager.openScope()) {
			ScratchBuffer chunk = input.buffer();
			InputStream body = request.getInputStream();
			long total = 0;
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed.outputStream())) {
				int read;
				while ((read = chunk.readFrom(body, chunk.capacity())) >= 0) {
					total += read;
					if (total > limit) {
						throw new BodyTooLargeException(this.properties.getMaxBodySize());
					}
					chunk.writeTo(gzip);
					chunk.clear();
				}
			}
		}
		response.setContentType("application/gzip");
		response.setContentLength(compressed.size());
		compressed.writeTo(response.getOutputStream());
	}

	/**
	 * Refuses a body whose declared length is over the limit before reading any of it.
	 */
	private long checkDeclaredLength(HttpServletRequest request) {
		long limit = this.properties.getMaxBodySize().toBytes();
		if (request.getContentLengthLong() > limit) {
			throw new BodyTooLargeException(this.properties.getMaxBodySize());
		}
		return limit;
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
