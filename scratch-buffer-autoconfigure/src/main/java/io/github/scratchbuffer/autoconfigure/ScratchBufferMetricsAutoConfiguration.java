package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.metrics.ScratchBufferPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of {@link ScratchBufferPoolMetrics}. Boot binds every
 * {@code MeterBinder} bean to every registry; the meters are switched off with
 * {@code management.metrics.enable.bufferpool=false}.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass({ MeterRegistry.class, ScratchBufferPoolMetrics.class })
@ConditionalOnBean(BufferManager.class)
public final class ScratchBufferMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScratchBufferPoolMetrics scratchBufferPoolMetrics(BufferManager bufferManager) {
		return new ScratchBufferPoolMetrics(bufferManager);
	}

}
