package io.github.scratchbuffer.task;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;

import org.springframework.core.task.TaskDecorator;
import org.springframework.util.Assert;

/**
 * Makes sure every task runs in a scratch buffer scope. A task that finds a scope already
 * current on its thread when it starts (attached there by context propagation, such as
 * Spring's {@code ContextPropagatingTaskDecorator}, or run on the submitting thread by a
 * caller-runs policy) works in that scope and shares its buffer; any other task gets a
 * scope of its own, closed when the task ends.
 * <p>
 * Tasks are isolated unless propagation is asked for: a task that outlives the request
 * that submitted it (fire-and-forget {@code @Async} work) must not find its buffer
 * released under it when the request ends, and tasks that run in parallel must not write
 * one buffer at once.
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
		return () -> {
			if (this.bufferManager.currentScope() != null) {
				runnable.run();
				return;
			}
			try (BufferScope scope = this.bufferManager.openScope()) {
				runnable.run();
			}
		};
	}

}
