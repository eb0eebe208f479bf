package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.http.RequestBodyTooLargeAdvice;
import io.github.scratchbuffer.http.converter.ScratchBufferHttpMessageConverter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.AbstractHttpMessageConverter;

/**
 * Auto-configuration of the {@link ScratchBufferHttpMessageConverter} in a servlet web
 * application: Spring Boot adds every {@code HttpMessageConverter} bean ahead of its
 * default converters, so a handler's {@code ScratchBuffer} is written by this converter
 * and not serialised as JSON. A converter bean of the user's for {@code ScratchBuffer}
 * comes first, as it is ordered before this one.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(AbstractHttpMessageConverter.class)
@ConditionalOnBean(BufferManager.class)
public final class ScratchBufferHttpMessageConverterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScratchBufferHttpMessageConverter scratchBufferHttpMessageConverter(BufferManager bufferManager,
			ScratchBufferProperties properties) {
		return new ScratchBufferHttpMessageConverter(bufferManager, properties.getRequestBody().getMaxSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	RequestBodyTooLargeAdvice requestBodyTooLargeAdvice() {
		return new RequestBodyTooLargeAdvice();
	}

}
