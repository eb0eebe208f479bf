package io.github.scratchbuffer.http.converter;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.http.RequestBodyTooLargeException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.util.Assert;

/**
 * Writes a {@link ScratchBuffer} as a body with its {@code Content-Length}, straight from
 * the buffer's array, and reads a body into the request's buffer: a handler may return
 * the buffer (or a {@code ResponseEntity}, {@code DeferredResult} or
 * {@code CompletableFuture} of it) and take {@code @RequestBody ScratchBuffer}.
 * <p>
 * The content type is the one the handler declares ({@code produces},
 * {@code ResponseEntity}), else {@code application/octet-stream}. A buffer whose scope
 * has ended cannot be written: its use-after-release error becomes a server error, never
 * another request's bytes. A body is read into the buffer of the request's scope, after
 * whatever the buffer already holds, up to the maximum size: a larger
 * {@code Content-Length} is refused before anything is read, and a body that turns out
 * larger while streaming is refused once one byte more than the limit has arrived (the
 * buffer is then cleared); both with {@link RequestBodyTooLargeException} (413).
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferHttpMessageConverter extends AbstractHttpMessageConverter<ScratchBuffer> {

	private final BufferManager bufferManager;

	private final long maxBodySize;

	/**
	 * Creates a converter that reads bodies into the scopes of {@code bufferManager}.
	 * @param bufferManager the manager whose current scope receives request bodies
	 * @param maxBodySize the largest body to read, in bytes
	 */
	public ScratchBufferHttpMessageConverter(BufferManager bufferManager, long maxBodySize) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		Assert.isTrue(maxBodySize > 0, () -> "'maxBodySize' must be greater than 0, was " + maxBodySize);
		this.bufferManager = bufferManager;
		this.maxBodySize = maxBodySize;
		// The first concrete type is what a handler without 'produces' answers with.
		setSupportedMediaTypes(List.of(MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL));
	}

	/**
	 * The largest request body this converter reads.
	 * @return the limit in bytes
	 */
	public long getMaxBodySize() {
		return this.maxBodySize;
	}

	@Override
	protected boolean supports(Class<?> type) {
		return ScratchBuffer.class.isAssignableFrom(type);
	}

	@Override
	protected Long getContentLength(ScratchBuffer buffer, @Nullable MediaType contentType) {
		return (long) buffer.size();
	}

	@Override
	protected void writeInternal(ScratchBuffer buffer, HttpOutputMessage outputMessage) throws IOException {
		buffer.writeTo(outputMessage.getBody());
	}

	@Override
	protected boolean supportsRepeatableWrites(ScratchBuffer buffer) {
		return true;
	}

	@Override
	protected ScratchBuffer readInternal(Class<? extends ScratchBuffer> type, HttpInputMessage inputMessage)
			throws IOException {
		if (this.bufferManager.currentScope() == null) {
			throw new IllegalStateException("A request body can only be read into a ScratchBuffer inside a scope of '"
					+ this.bufferManager.name() + "': apply the scratch-buffer filter to this request "
					+ "(scratch-buffer.filter.enabled, scratch-buffer.filter.url-patterns)");
		}
		long declared = inputMessage.getHeaders().getContentLength();
		if (declared > this.maxBodySize) {
			throw RequestBodyTooLargeException.declared(this.maxBodySize, declared);
		}
		ScratchBuffer buffer = this.bufferManager.current();
		if (declared > 0) {
			// The length is known: one growth at most, to exactly what it takes.
			buffer.ensureCapacity((int) Math.min(Integer.MAX_VALUE, buffer.size() + declared));
		}
		try {
			readBody(inputMessage.getBody(), buffer);
		}
		catch (RequestBodyTooLargeException ex) {
			buffer.clear();
			throw ex;
		}
		return buffer;
	}

	/**
	 * Reads into the buffer's free space, growing it only when it is full and the body
	 * goes on, and reading at most one byte beyond the limit.
	 */
	private void readBody(InputStream in, ScratchBuffer buffer) throws IOException {
		long start = buffer.size();
		while (true) {
			long read = buffer.size() - start;
			if (read > this.maxBodySize) {
				throw RequestBodyTooLargeException.streamed(this.maxBodySize);
			}
			int free = buffer.capacity() - buffer.size();
			if (free == 0) {
				// Probe before growing: a body that ends exactly at the capacity must not
				// double the buffer.
				int next = in.read();
				if (next < 0) {
					return;
				}
				buffer.write(next);
				continue;
			}
			int chunk = (int) Math.min(free, this.maxBodySize + 1 - read);
			if (buffer.readFrom(in, chunk) < 0) {
				return;
			}
		}
	}

}
