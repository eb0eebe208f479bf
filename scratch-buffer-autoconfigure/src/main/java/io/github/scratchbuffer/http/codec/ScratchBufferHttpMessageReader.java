package io.github.scratchbuffer.http.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.http.RequestBodyTooLargeException;
import io.github.scratchbuffer.web.reactive.ScratchBufferWebFilter;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.util.Assert;

/**
 * Reads a WebFlux request body into the exchange's scratch buffer, for
 * {@code @RequestBody ScratchBuffer}: each chunk the server received is copied into the
 * buffer and released at once, so the body is held once, in the buffer. Bounded like the
 * servlet converter: a larger {@code Content-Length} is refused before reading, a body
 * that turns out larger is refused as soon as it does, both with
 * {@link RequestBodyTooLargeException} (413). Needs the exchange's scope, which
 * {@link ScratchBufferWebFilter} puts in the Reactor context.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferHttpMessageReader implements HttpMessageReader<ScratchBuffer> {

	private final BufferManager bufferManager;

	private final long maxBodySize;

	/**
	 * Creates a reader that reads bodies into the exchange scopes of
	 * {@code bufferManager}.
	 * @param bufferManager the manager whose exchange scope receives request bodies
	 * @param maxBodySize the largest body to read, in bytes
	 */
	public ScratchBufferHttpMessageReader(BufferManager bufferManager, long maxBodySize) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		Assert.isTrue(maxBodySize > 0, () -> "'maxBodySize' must be greater than 0, was " + maxBodySize);
		this.bufferManager = bufferManager;
		this.maxBodySize = maxBodySize;
	}

	/**
	 * The largest request body this reader reads.
	 * @return the limit in bytes
	 */
	public long getMaxBodySize() {
		return this.maxBodySize;
	}

	@Override
	public List<MediaType> getReadableMediaTypes() {
		return List.of(MediaType.ALL);
	}

	@Override
	public boolean canRead(ResolvableType elementType, @Nullable MediaType mediaType) {
		return ScratchBuffer.class.isAssignableFrom(elementType.toClass());
	}

	@Override
	public Flux<ScratchBuffer> read(ResolvableType elementType, ReactiveHttpInputMessage message,
			Map<String, Object> hints) {
		return readMono(elementType, message, hints).flux();
	}

	@Override
	public Mono<ScratchBuffer> readMono(ResolvableType elementType, ReactiveHttpInputMessage message,
			Map<String, Object> hints) {
		long declared = message.getHeaders().getContentLength();
		if (declared > this.maxBodySize) {
			return Mono.error(RequestBodyTooLargeException.declared(this.maxBodySize, declared));
		}
		return ScratchBufferWebFilter.scope(this.bufferManager)
			.switchIfEmpty(Mono.error(this::noScope))
			.flatMap((scope) -> readInto(scope, message));
	}

	private Mono<ScratchBuffer> readInto(BufferScope scope, ReactiveHttpInputMessage message) {
		ScratchBuffer buffer = scope.buffer();
		int start = buffer.size();
		return message.getBody().doOnNext((chunk) -> {
			try {
				if (buffer.size() - start + (long) chunk.readableByteCount() > this.maxBodySize) {
					throw RequestBodyTooLargeException.streamed(this.maxBodySize);
				}
				try (DataBuffer.ByteBufferIterator readable = chunk.readableByteBuffers()) {
					while (readable.hasNext()) {
						ByteBuffer bytes = readable.next();
						buffer.write(bytes);
					}
				}
			}
			finally {
				DataBufferUtils.release(chunk);
			}
		}).doOnError(RequestBodyTooLargeException.class, (ex) -> {
			if (scope.isOpen()) {
				buffer.clear();
			}
		}).then(Mono.fromSupplier(() -> buffer));
	}

	private IllegalStateException noScope() {
		return new IllegalStateException("A request body can only be read into a ScratchBuffer inside the exchange's "
				+ "scope of '" + this.bufferManager.name() + "': register the scratch-buffer web filter "
				+ "(scratch-buffer.filter.enabled)");
	}

}
