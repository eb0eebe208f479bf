package io.github.scratchbuffer.task;

import io.github.scratchbuffer.BufferManager;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * Runs every task in a scratch buffer scope of its own, closed when the task ends.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferTaskDecorator implements TaskDecorator {

	private final BufferManager bufferManager;

	public ScratchBufferTaskDecorator(BufferManager bufferManager) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		return this.bufferManager.wrap(runnable);
	}

}
