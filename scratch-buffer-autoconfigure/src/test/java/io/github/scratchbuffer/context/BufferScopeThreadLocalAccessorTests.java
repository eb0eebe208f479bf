package io.github.scratchbuffer.context;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import io.micrometer.context.ContextRegistry;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BufferScopeThreadLocalAccessorTests {

	private final BufferManager manager = BufferManager.builder().name("propagated").poolingEnabled(true).build();

	private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder()
		.contextRegistry(
				new ContextRegistry().registerThreadLocalAccessor(new BufferScopeThreadLocalAccessor(this.manager)))
		.build();

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@AfterEach
	void everyBufferCameBack() {
		this.executor.shutdownNow();
		assertThat(this.manager.stats().active()).isZero();
		assertThat(this.manager.stats().leaks()).isZero();
	}

	@Test
	void aCapturedScopeIsCurrentWhereTheSnapshotIsRestoredAndOnlyThere() throws Exception {
		AtomicReference<ScratchBuffer> seen = new AtomicReference<>();
		AtomicReference<BufferScope> afterwards = new AtomicReference<>();
		try (BufferScope request = this.manager.openScope()) {
			ScratchBuffer buffer = this.manager.current();
			buffer.write(1);
			Runnable task = this.snapshots.captureAll().wrap(() -> {
				seen.set(this.manager.current());
				this.manager.current().write(2);
			});
			this.executor.submit(task).get(10, TimeUnit.SECONDS);
			this.executor.submit(() -> afterwards.set(this.manager.currentScope())).get(10, TimeUnit.SECONDS);
			assertThat(seen).hasValue(buffer);
			assertThat(buffer.toByteArray()).containsExactly(1, 2);
			assertThat(afterwards).as("nothing left attached on the other thread").hasNullValue();
			assertThat(request.isOpen()).as("the other thread's work does not close the scope").isTrue();
		}
	}

	@Test
	void withNothingCapturedTheOtherThreadKeepsItsOwnScopes() throws Exception {
		Runnable task = this.snapshots.captureAll().wrap(() -> {
			try (BufferScope own = this.manager.openScope()) {
				assertThat(this.manager.currentScope()).isSameAs(own);
			}
		});
		this.executor.submit(task).get(10, TimeUnit.SECONDS);
		assertThat(this.manager.stats().acquisitions()).isZero();
	}

	@Test
	void aScopeClosedSinceItWasCapturedIsNotAttached() throws Exception {
		ContextSnapshot snapshot;
		try (BufferScope request = this.manager.openScope()) {
			this.manager.current();
			snapshot = this.snapshots.captureAll();
		}
		AtomicReference<BufferScope> during = new AtomicReference<>();
		this.executor.submit(snapshot.wrap(() -> during.set(this.manager.currentScope()))).get(10, TimeUnit.SECONDS);
		assertThat(during).hasNullValue();
	}

	/**
	 * Reactor restores an exchange's context on the event loop while the exchange may be
	 * ending on a worker thread: a scope that closes while it is being attached must come
	 * out as nothing attached, never as an exception (one escaped into Reactor Netty's
	 * completion listener and left a keep-alive connection hanging).
	 */
	@Test
	void aScopeClosingWhileItIsAttachedIsNotAttachedAndNothingThrows() throws Exception {
		BufferScopeThreadLocalAccessor accessor = new BufferScopeThreadLocalAccessor(this.manager);
		for (int i = 0; i < 20_000; i++) {
			BufferScope scope = this.manager.openScope();
			scope.detach();
			CountDownLatch go = new CountDownLatch(1);
			Future<?> closer = this.executor.submit(() -> {
				go.await();
				scope.close();
				return null;
			});
			go.countDown();
			accessor.setValue(scope);
			accessor.restore();
			closer.get(10, TimeUnit.SECONDS);
			assertThat(this.manager.currentScope()).isNull();
		}
		assertThat(this.manager.stats().active()).isZero();
	}

	@Test
	void nestedSnapshotsRestoreInOrder() throws Exception {
		try (BufferScope outer = this.manager.openScope()) {
			ContextSnapshot outerSnapshot = this.snapshots.captureAll();
			try (BufferScope inner = this.manager.openScope()) {
				ContextSnapshot innerSnapshot = this.snapshots.captureAll();
				this.executor.submit(outerSnapshot.wrap(() -> {
					assertThat(this.manager.currentScope()).isSameAs(outer);
					innerSnapshot.wrap((Runnable) () -> assertThat(this.manager.currentScope()).isSameAs(inner)).run();
					assertThat(this.manager.currentScope()).isSameAs(outer);
				})).get(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void aScopeOfAnotherManagerOfTheSameNameIsLeftAlone() throws Exception {
		BufferManager sameName = BufferManager.builder().name("propagated").build();
		ContextSnapshotFactory otherSnapshots = ContextSnapshotFactory.builder()
			.contextRegistry(
					new ContextRegistry().registerThreadLocalAccessor(new BufferScopeThreadLocalAccessor(sameName)))
			.build();
		try (BufferScope foreign = sameName.openScope()) {
			ContextSnapshot snapshot = otherSnapshots.captureAll();
			AtomicReference<BufferScope> during = new AtomicReference<>();
			BufferScopeThreadLocalAccessor accessor = new BufferScopeThreadLocalAccessor(this.manager);
			this.executor.submit(snapshot.wrap(() -> {
				accessor.setValue(foreign);
				during.set(this.manager.currentScope());
				accessor.restore();
			})).get(10, TimeUnit.SECONDS);
			assertThat(during).hasNullValue();
			assertThat(accessor.key()).isEqualTo(new BufferScopeThreadLocalAccessor(sameName).key());
		}
	}

}
