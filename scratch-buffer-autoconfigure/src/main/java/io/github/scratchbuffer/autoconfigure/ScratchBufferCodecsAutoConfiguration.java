package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.http.RequestBodyTooLargeAdvice;
import io.github.scratchbuffer.http.codec.ScratchBufferHttpMessageReader;
import io.github.scratchbuffer.http.codec.ScratchBufferHttpMessageWriter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of the WebFlux codecs for scratch buffers: the
 * {@link ScratchBufferHttpMessageWriter} (a handler returns {@code Mono<ScratchBuffer>})
 * and the {@link ScratchBufferHttpMessageReader} ({@code @RequestBody ScratchBuffer}),
 * registered as custom codecs, which Spring consults before its JSON codecs.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass({ CodecCustomizer.class, WebFilter.class })
@ConditionalOnBean(BufferManager.class)
public final class ScratchBufferCodecsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScratchBufferHttpMessageWriter scratchBufferHttpMessageWriter(BufferManager bufferManager) {
		return new ScratchBufferHttpMessageWriter(bufferManager);
	}

	@Bean
	@ConditionalOnMissingBean
	ScratchBufferHttpMessageReader scratchBufferHttpMessageReader(BufferManager bufferManager,
			ScratchBufferProperties properties) {
		return new ScratchBufferHttpMessageReader(bufferManager, properties.getRequestBody().getMaxSize().toBytes());
	}

	@Bean
	CodecCustomizer scratchBufferCodecCustomizer(ScratchBufferHttpMessageWriter writer,
			ScratchBufferHttpMessageReader reader) {
		return (configurer) -> {
			configurer.customCodecs().register(writer);
			configurer.customCodecs().register(reader);
		};
	}

	@Bean
	@ConditionalOnMissingBean
	RequestBodyTooLargeAdvice requestBodyTooLargeAdvice() {
		return new RequestBodyTooLargeAdvice();
	}

}
