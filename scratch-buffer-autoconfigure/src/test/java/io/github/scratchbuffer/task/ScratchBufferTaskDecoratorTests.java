package io.github.scratchbuffer.task;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.context.BufferScopeThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.CompositeTaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScratchBufferTaskDecorator}.
 */
class ScratchBufferTaskDecoratorTests {

	private final BufferManager bufferManager = BufferManager.builder().poolingEnabled(true).build();

	private final BufferScopeThreadLocalAccessor accessor = new BufferScopeThreadLocalAccessor(this.bufferManager);

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void shutdown() {
		this.executor.shutdownNow();
		ContextRegistry.getInstance().removeThreadLocalAccessor(this.accessor.key());
	}

	@Test
	void aTaskRunsInAScopeOfItsOwnClosedWhenItEnds() throws Exception {
		TaskDecorator decorator = new ScratchBufferTaskDecorator(this.bufferManager);
		AtomicReference<ScratchBuffer> taskBuffer = new AtomicReference<>();
		try (BufferScope request = this.bufferManager.openScope()) {
			run(decorator.decorate(() -> {
				taskBuffer.set(this.bufferManager.current());
				taskBuffer.get().write(1);
			}));
			assertThat(taskBuffer.get()).isNotSameAs(request.buffer());
			assertThat(request.buffer().size()).isZero();
		}
		BufferPoolStats stats = this.bufferManager.stats();
		assertThat(stats.active()).isZero();
		assertThat(stats.unscoped()).isZero();
		assertThat(stats.acquisitions()).isEqualTo(2);
	}

	@Test
	void aTaskThatFailsStillClosesItsScope() {
		TaskDecorator decorator = new ScratchBufferTaskDecorator(this.bufferManager);
		Future<?> result = this.executor.submit(decorator.decorate(() -> {
			this.bufferManager.current().write(1);
			throw new IllegalStateException("boom");
		}));
		assertThat(result).failsWithin(Duration.ofSeconds(10));
		assertThat(this.bufferManager.stats().active()).isZero();
	}

	@Test
	void aTaskRunOnTheSubmittingThreadSharesItsScope() {
		TaskDecorator decorator = new ScratchBufferTaskDecorator(this.bufferManager);
		try (BufferScope scope = this.bufferManager.openScope()) {
			decorator.decorate(() -> this.bufferManager.current().write(7)).run();
			assertThat(scope.buffer().toByteArray()).containsExactly(7);
			assertThat(scope.isOpen()).isTrue();
		}
	}

	@Test
	void aTaskThatContextPropagationRunsInsideSharesTheSubmittersScope() throws Exception {
		assertPropagated(new CompositeTaskDecorator(
				List.of(new ContextPropagatingTaskDecorator(), new ScratchBufferTaskDecorator(this.bufferManager))));
	}

	@Test
	void aTaskThatContextPropagationWrapsSharesTheSubmittersScope() throws Exception {
		assertPropagated(new CompositeTaskDecorator(java.util.List
			.of(new ScratchBufferTaskDecorator(this.bufferManager), new ContextPropagatingTaskDecorator())));
	}

	private void assertPropagated(TaskDecorator decorator) throws Exception {
		ContextRegistry.getInstance().registerThreadLocalAccessor(this.accessor);
		AtomicReference<ScratchBuffer> taskBuffer = new AtomicReference<>();
		try (BufferScope request = this.bufferManager.openScope()) {
			request.buffer().write(1);
			run(decorator.decorate(() -> {
				taskBuffer.set(this.bufferManager.current());
				taskBuffer.get().write(2);
			}));
			assertThat(taskBuffer.get()).isSameAs(request.buffer());
			assertThat(request.isOpen()).as("the task's end does not close the request's scope").isTrue();
			assertThat(request.buffer().toByteArray()).containsExactly(1, 2);
		}
		assertThat(this.bufferManager.stats().acquisitions()).isOne();
		assertThat(this.bufferManager.stats().active()).isZero();
	}

	private void run(Runnable task) throws Exception {
		this.executor.submit(task).get();
	}

}
