package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.task.ScratchBufferTaskDecorator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link BufferManager} from {@code scratch-buffer.*} properties,
 * and of a task decorator that runs every task of Spring's auto-configured executor in a
 * scope of its own.
 * <p>
 * Ordered before task execution, so that the decorator is there when Boot builds the
 * {@code applicationTaskExecutor}; Boot combines it with any decorator the user already
 * has.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@ConditionalOnSwitch("scratch-buffer.enabled")
@EnableConfigurationProperties(ScratchBufferProperties.class)
public final class ScratchBufferAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BufferManager bufferManager(ScratchBufferProperties properties) {
		return BufferManager.builder().settings(properties.toSettings()).build();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSwitch("scratch-buffer.task-decorator.enabled")
	ScratchBufferTaskDecorator scratchBufferTaskDecorator(BufferManager bufferManager) {
		return new ScratchBufferTaskDecorator(bufferManager);
	}

}
