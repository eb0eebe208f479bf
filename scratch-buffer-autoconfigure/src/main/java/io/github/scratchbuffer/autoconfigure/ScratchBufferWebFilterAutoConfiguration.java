package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.web.reactive.ScratchBufferWebFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Auto-configuration of the {@link ScratchBufferWebFilter} in a reactive web application.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(WebFilter.class)
@ConditionalOnBean(BufferManager.class)
@ConditionalOnSwitch("scratch-buffer.filter.enabled")
public final class ScratchBufferWebFilterAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScratchBufferWebFilter scratchBufferWebFilter(BufferManager bufferManager, ScratchBufferProperties properties) {
		return new ScratchBufferWebFilter(bufferManager, properties.getFilter().getOrder());
	}

}
