package io.github.scratchbuffer.http.codec;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.web.reactive.ExchangeScopeLease;
import io.github.scratchbuffer.web.reactive.ScratchBufferWebFilter;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.NettyDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Writes a {@link ScratchBuffer} as a WebFlux body: a handler returns
 * {@code Mono<ScratchBuffer>} with the exchange's buffer, and a single value gets its
 * {@code Content-Length}. Content type: the handler's, else
 * {@code application/octet-stream}.
 * <p>
 * On Reactor Netty the exchange's buffer is not copied: Netty gets a read-only
 * {@code ByteBuf} over its content, and the exchange's scope stays open (through its
 * {@link ExchangeScopeLease}) until Netty releases that {@code ByteBuf}, after it has
 * copied the bytes to the socket's buffer or failed to, so the buffer goes back only when
 * nothing reads it any more. Elsewhere (a servlet container, a client request, a buffer
 * that is not the exchange's), where nothing reports when the server is done with the
 * memory, the content is copied once into a buffer of the server's own.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferHttpMessageWriter implements HttpMessageWriter<ScratchBuffer> {

	private static final boolean NETTY_PRESENT = ClassUtils.isPresent("io.netty.buffer.CompositeByteBuf",
			ScratchBufferHttpMessageWriter.class.getClassLoader());

	private static final List<MediaType> MEDIA_TYPES = List.of(MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL);

	private final BufferManager bufferManager;

	/**
	 * Creates a writer for the buffers of {@code bufferManager}'s exchange scopes.
	 * @param bufferManager the manager whose exchange scopes the web filter opens
	 */
	public ScratchBufferHttpMessageWriter(BufferManager bufferManager) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
	}

	@Override
	public List<MediaType> getWritableMediaTypes() {
		return MEDIA_TYPES;
	}

	@Override
	public boolean canWrite(ResolvableType elementType, @Nullable MediaType mediaType) {
		return ScratchBuffer.class.isAssignableFrom(elementType.toClass())
				&& (mediaType == null || MediaType.ALL.isCompatibleWith(mediaType));
	}

	@Override
	public Mono<Void> write(Publisher<? extends ScratchBuffer> inputStream, ResolvableType elementType,
			@Nullable MediaType mediaType, ReactiveHttpOutputMessage message, Map<String, Object> hints) {
		return Mono.deferContextual((context) -> write(inputStream, mediaType, message,
				ScratchBufferWebFilter.lease(context, this.bufferManager)));
	}

	@Override
	public Mono<Void> write(Publisher<? extends ScratchBuffer> inputStream, ResolvableType actualType,
			ResolvableType elementType, @Nullable MediaType mediaType, ServerHttpRequest request,
			ServerHttpResponse response, Map<String, Object> hints) {
		return write(inputStream, elementType, mediaType, response, hints);
	}

	private Mono<Void> write(Publisher<? extends ScratchBuffer> input, @Nullable MediaType mediaType,
			ReactiveHttpOutputMessage message, @Nullable ExchangeScopeLease lease) {
		HttpHeaders headers = message.getHeaders();
		headers.setContentType(contentType(mediaType, headers.getContentType()));
		DataBufferFactory factory = message.bufferFactory();
		if (input instanceof Mono) {
			return Mono.from(input).flatMap((buffer) -> {
				DataBuffer body = toDataBuffer(buffer, factory, lease);
				if (headers.getContentLength() < 0) {
					headers.setContentLength(body.readableByteCount());
				}
				return message.writeWith(Mono.just(body));
			});
		}
		return message.writeWith(Flux.from(input).map((buffer) -> toDataBuffer(buffer, factory, lease)));
	}

	private static MediaType contentType(@Nullable MediaType requested, @Nullable MediaType existing) {
		if (requested != null && requested.isConcrete()) {
			return requested;
		}
		return (existing != null) ? existing : MediaType.APPLICATION_OCTET_STREAM;
	}

	private static DataBuffer toDataBuffer(ScratchBuffer buffer, DataBufferFactory factory,
			@Nullable ExchangeScopeLease lease) {
		// Fails for a buffer whose scope has ended: an error, never another scope's
		// bytes.
		ByteBuffer content = buffer.asByteBuffer();
		if (NETTY_PRESENT && lease != null && lease.covers(buffer)) {
			DataBuffer leased = NettyLeasedContent.wrap(factory, content, lease);
			if (leased != null) {
				return leased;
			}
		}
		return factory.allocateBuffer(content.remaining()).write(content);
	}

	/**
	 * Netty's side, apart so that nothing loads Netty's classes where they are missing.
	 */
	private static final class NettyLeasedContent {

		static @Nullable DataBuffer wrap(DataBufferFactory factory, ByteBuffer content, ExchangeScopeLease lease) {
			if (!(factory instanceof NettyDataBufferFactory nettyFactory) || !lease.retain()) {
				return null;
			}
			return nettyFactory.wrap(new LeasedByteBuf(content, lease));
		}

	}

	/**
	 * A read-only {@code ByteBuf} over a scratch buffer's content that gives its lease
	 * back when Netty releases it: a composite of one component, because a composite is
	 * the one public Netty buffer that wraps another and can be told when it is freed.
	 */
	private static final class LeasedByteBuf extends CompositeByteBuf {

		private final ExchangeScopeLease lease;

		LeasedByteBuf(ByteBuffer content, ExchangeScopeLease lease) {
			super(Unpooled.EMPTY_BUFFER.alloc(), false, 1, wrapped(content));
			this.lease = lease;
		}

		private static ByteBuf wrapped(ByteBuffer content) {
			return Unpooled.wrappedBuffer(content);
		}

		@Override
		protected void deallocate() {
			try {
				super.deallocate();
			}
			finally {
				this.lease.release();
			}
		}

	}

}
