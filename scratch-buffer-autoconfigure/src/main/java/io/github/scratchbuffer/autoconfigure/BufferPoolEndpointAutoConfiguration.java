package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link BufferPoolEndpoint}, available at
 * {@code /actuator/bufferpool} once exposed.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnClass(ConditionalOnAvailableEndpoint.class)
@ConditionalOnAvailableEndpoint(BufferPoolEndpoint.class)
@ConditionalOnBean(BufferManager.class)
public final class BufferPoolEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BufferPoolEndpoint bufferPoolEndpoint(BufferManager bufferManager) {
		return new BufferPoolEndpoint(bufferManager);
	}

}
