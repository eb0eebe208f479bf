package io.github.scratchbuffer;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What {@link BufferManager} promises whether pooling is on or off: the same suite runs
 * in both modes, and ends every test by checking that nothing was lost.
 */
class BufferManagerContractTests {

	private final List<BufferManager> managers = new ArrayList<>();

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	@AfterEach
	void everyBufferIsAccountedFor() {
		this.executor.shutdownNow();
		for (BufferManager manager : this.managers) {
			BufferInvariants.assertQuiescent(manager.stats());
		}
	}

	private BufferManager manager(boolean pooling) {
		BufferManager manager = BufferManager.builder()
			.name("contract")
			.bufferSize(1024)
			.maxRetainedCapacity(4096)
			.maxPoolSize(8)
			.poolingEnabled(pooling)
			.leakDetection(LeakDetection.OFF)
			.build();
		this.managers.add(manager);
		return manager;
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void currentReturnsTheSameBufferForTheWholeScope(boolean pooling) {
		BufferManager manager = manager(pooling);
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(new byte[5000]);
			manager.clear();
			manager.setPoolingEnabled(!pooling);
			assertThat(manager.current()).isSameAs(buffer).isSameAs(scope.buffer());
			manager.setPoolingEnabled(pooling);
			assertThat(manager.current()).isSameAs(buffer);
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void aScopeThatNeverAsksCostsNoBuffer(boolean pooling) {
		BufferManager manager = manager(pooling);
		try (BufferScope scope = manager.openScope()) {
			assertThat(scope.isOpen()).isTrue();
		}
		assertThat(manager.stats().acquisitions()).isZero();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void clearEmptiesTheBufferAndKeepsItsIdentity(boolean pooling) {
		BufferManager manager = manager(pooling);
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(new byte[] { 1, 2, 3 });
			manager.clear();
			assertThat(buffer.size()).isZero();
			assertThat(manager.current()).isSameAs(buffer);
			buffer.write(4);
			assertThat(buffer.toByteArray()).containsExactly(4);
		}
		assertThat(manager.stats().acquisitions()).isOne();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void clearBeforeTheScopeAsksForItsBufferDoesNothing(boolean pooling) {
		BufferManager manager = manager(pooling);
		try (BufferScope scope = manager.openScope()) {
			manager.clear();
			assertThat(manager.stats().acquisitions()).isZero();
			assertThat(manager.current().size()).isZero();
		}
		manager.clear();
		assertThat(manager.stats().unscoped()).isZero();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void nestedScopesHaveTheirOwnBuffers(boolean pooling) {
		BufferManager manager = manager(pooling);
		try (BufferScope outer = manager.openScope()) {
			ScratchBuffer outerBuffer = manager.current();
			outerBuffer.write(1);
			try (BufferScope inner = manager.openScope()) {
				ScratchBuffer innerBuffer = manager.current();
				assertThat(innerBuffer).isNotSameAs(outerBuffer);
				assertThat(innerBuffer.array()).isNotSameAs(outerBuffer.array());
				innerBuffer.write(2);
				assertThat(innerBuffer.toByteArray()).containsExactly(2);
			}
			assertThat(manager.current()).isSameAs(outerBuffer);
			assertThat(outerBuffer.toByteArray()).containsExactly(1);
			assertThat(manager.stats().active()).isOne();
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void threadsHaveTheirOwnBuffers(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		CountDownLatch bothHoldBuffers = new CountDownLatch(2);
		Callable<ScratchBuffer> task = manager.wrap(() -> {
			ScratchBuffer buffer = manager.current();
			buffer.write((int) Thread.currentThread().getId());
			bothHoldBuffers.countDown();
			bothHoldBuffers.await(10, TimeUnit.SECONDS);
			assertThat(buffer.toByteArray()).containsExactly((byte) Thread.currentThread().getId());
			return buffer;
		});
		var first = this.executor.submit(task);
		var second = this.executor.submit(task);
		assertThat(first.get(10, TimeUnit.SECONDS)).isNotSameAs(second.get(10, TimeUnit.SECONDS));
		assertThat(manager.stats().peakActive()).isEqualTo(2);
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void wrappedTasksRunInAScopeThatClosesHoweverTheyEnd(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		manager.wrap(() -> {
			manager.current().write(1);
		}).run();
		assertThatThrownBy(() -> manager.wrap((Runnable) () -> {
			manager.current().write(1);
			throw new IllegalStateException("boom");
		}).run()).hasMessage("boom");
		assertThatThrownBy(() -> manager.wrap(() -> {
			manager.current().write(1);
			throw new java.io.IOException("io");
		}).call()).hasMessage("io");
		assertThat(manager.wrap(() -> manager.current().capacity()).call()).isEqualTo(1024);
		assertThat(manager.stats().acquisitions()).isEqualTo(4);
		assertThat(manager.stats().active()).isZero();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void closeIsIdempotent(boolean pooling) {
		BufferManager manager = manager(pooling);
		BufferScope scope = manager.openScope();
		scope.buffer().write(1);
		scope.close();
		scope.close();
		assertThat(scope.isOpen()).isFalse();
		assertThat(manager.stats().returned() + manager.stats().dropped()).isOne();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void aScopeMayBeClosedFromAnotherThread(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		try (BufferScope outer = manager.openScope()) {
			ScratchBuffer outerBuffer = manager.current();
			BufferScope request = manager.openScope();
			ScratchBuffer requestBuffer = manager.current();
			requestBuffer.write(1);
			CompletableFuture.runAsync(request::close, this.executor).get(10, TimeUnit.SECONDS);
			assertThat(request.isOpen()).isFalse();
			assertThatIllegalStateException().isThrownBy(requestBuffer::size);
			// The closed scope is skipped on the thread that opened it: the outer one is
			// current again.
			assertThat(manager.current()).isSameAs(outerBuffer);
			request.close();
		}
		assertThat(manager.stats().leaks()).isZero();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void aDetachedScopeStaysOpenOffTheThreadUntilClosedElsewhere(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		try (BufferScope outer = manager.openScope()) {
			ScratchBuffer outerBuffer = manager.current();
			BufferScope request = manager.openScope();
			ScratchBuffer requestBuffer = manager.current();
			requestBuffer.write(7);
			request.detach();
			assertThat(manager.current()).isSameAs(outerBuffer);
			// The thread serves other work; closing it on this thread later touches
			// nothing else.
			try (BufferScope other = manager.openScope()) {
				manager.current();
				assertThat(request.isOpen()).isTrue();
				assertThat(CompletableFuture.supplyAsync(() -> request.buffer().toByteArray(), this.executor)
					.get(10, TimeUnit.SECONDS)).containsExactly(7);
				request.close();
				assertThat(other.isOpen()).isTrue();
			}
			request.detach();
		}
		assertThat(manager.stats().leaks()).isZero();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void detachingClosesScopesLeftOpenInside(boolean pooling) {
		BufferManager manager = manager(pooling);
		BufferScope request = manager.openScope();
		BufferScope forgotten = manager.openScope();
		forgotten.buffer();
		request.detach();
		assertThat(forgotten.isOpen()).isFalse();
		assertThat(request.isOpen()).isTrue();
		request.close();
		assertThat(manager.stats().leaks()).isOne();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void onlyTheOpeningThreadMayDetach(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		try (BufferScope scope = manager.openScope()) {
			assertThatThrownBy(() -> CompletableFuture.runAsync(scope::detach, this.executor).join())
				.hasCauseInstanceOf(IllegalStateException.class)
				.hasMessageContaining("can only be detached on the thread that opened it");
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void anAttachedScopeIsCurrentOnTheOtherThreadUntilTheAttachmentCloses(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		try (BufferScope request = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(5);
			request.detach();
			Callable<Long> work = () -> {
				try (ScopeAttachment attachment = manager.attach(request)) {
					assertThat(manager.current()).isSameAs(buffer);
					manager.current().write(6);
					// Left open by mistake: closed as a leak when the attachment ends.
					manager.openScope().buffer();
				}
				assertThat(manager.current()).isNotSameAs(buffer);
				return manager.stats().leaks();
			};
			assertThat(this.executor.submit(work).get(10, TimeUnit.SECONDS)).isOne();
			assertThat(request.isOpen()).isTrue();
			assertThat(buffer.toByteArray()).containsExactly(5, 6);
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void closingAnAttachedScopeElsewhereEndsItsUseOnTheAttachedThread(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		ExecutorService other = Executors.newSingleThreadExecutor();
		try {
			BufferScope request = manager.openScope();
			ScratchBuffer buffer = manager.current();
			request.detach();
			ScopeAttachment attachment = other.submit(() -> manager.attach(request)).get(10, TimeUnit.SECONDS);
			request.close();
			ScratchBuffer afterClose = other.submit(() -> {
				try (BufferScope scope = manager.openScope()) {
					return manager.current();
				}
			}).get(10, TimeUnit.SECONDS);
			assertThat(afterClose).isNotSameAs(buffer);
			other.submit(attachment::close).get(10, TimeUnit.SECONDS);
			assertThat(manager.stats().leaks()).isZero();
		}
		finally {
			other.shutdownNow();
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void currentScopeIsTheInnermostOpenOneOnThisThread(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		assertThat(manager.currentScope()).isNull();
		manager.current();
		assertThat(manager.currentScope()).as("an unscoped buffer is no scope").isNull();
		try (BufferScope outer = manager.openScope()) {
			assertThat(manager.currentScope()).isSameAs(outer);
			try (BufferScope inner = manager.openScope()) {
				assertThat(manager.currentScope()).isSameAs(inner);
				assertThat(
						CompletableFuture.supplyAsync(manager::currentScope, this.executor).get(10, TimeUnit.SECONDS))
					.isNull();
			}
			assertThat(manager.currentScope()).isSameAs(outer);
		}
		assertThat(manager.currentScope()).isNull();
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void attachingChecksTheScope(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		BufferManager another = manager(pooling);
		try (BufferScope foreign = another.openScope(); BufferScope own = manager.openScope()) {
			assertThat(manager.owns(own)).isTrue();
			assertThat(manager.owns(foreign)).as("same name, another manager").isFalse();
			assertThatThrownBy(() -> manager.attach(foreign)).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("must be a scope opened by 'contract'");
		}
		BufferScope closed = manager.openScope();
		closed.close();
		assertThatIllegalStateException().isThrownBy(() -> manager.attach(closed))
			.withMessageContaining("used after its scope ended");
		try (BufferScope scope = manager.openScope()) {
			ScopeAttachment attachment = manager.attach(scope);
			assertThatThrownBy(() -> CompletableFuture.runAsync(attachment::close, this.executor).join())
				.hasCauseInstanceOf(IllegalStateException.class);
			attachment.close();
			attachment.close();
		}
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void scopeBufferAfterCloseFails(boolean pooling) {
		BufferManager manager = manager(pooling);
		BufferScope scope = manager.openScope();
		scope.close();
		assertThatIllegalStateException().isThrownBy(scope::buffer)
			.withMessageContaining("'contract' used after its scope ended");
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void currentOutsideAnyScopeGivesAThreadBoundBufferThatNeverTouchesThePool(boolean pooling) throws Exception {
		BufferManager manager = manager(pooling);
		ScratchBuffer unscoped = manager.current();
		unscoped.write(42);
		manager.clear();
		assertThat(manager.current()).isSameAs(unscoped);
		try (BufferScope scope = manager.openScope()) {
			assertThat(manager.current()).isNotSameAs(unscoped);
		}
		assertThat(manager.current()).isSameAs(unscoped);
		ScratchBuffer otherThread = CompletableFuture.supplyAsync(manager::current, this.executor)
			.get(10, TimeUnit.SECONDS);
		assertThat(otherThread).isNotSameAs(unscoped);
		BufferPoolStats stats = manager.stats();
		assertThat(stats.unscoped()).isEqualTo(2);
		assertThat(stats.acquisitions()).isOne();
		assertThat(stats.usage().samples()).isOne();
		assertThat(stats.usage().max()).as("unscoped use is not pool usage").isZero();
		assertThat(stats.idle()).isEqualTo(pooling ? 1 : 0);
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void aDiscardedManagerIsNotKeptAliveByTheThreadsThatUsedIt(boolean pooling) throws Exception {
		WeakReference<BufferManager> discarded = useAndDiscard(pooling);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (discarded.get() != null && System.nanoTime() < deadline) {
			System.gc();
			Thread.sleep(10);
		}
		assertThat(discarded.get()).isNull();
	}

	private static WeakReference<BufferManager> useAndDiscard(boolean pooling) {
		BufferManager manager = BufferManager.builder().poolingEnabled(pooling).build();
		try (BufferScope outer = manager.openScope()) {
			try (BufferScope inner = manager.openScope()) {
				manager.current().write(1);
			}
		}
		return new WeakReference<>(manager);
	}

	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void statisticsCountEveryAcquisitionAndRelease(boolean pooling) {
		BufferManager manager = manager(pooling);
		for (int i = 0; i < 3; i++) {
			try (BufferScope scope = manager.openScope()) {
				manager.current().write(new byte[100]);
			}
		}
		try (BufferScope big = manager.openScope()) {
			manager.current().write(new byte[5000]);
		}
		BufferPoolStats stats = manager.stats();
		assertThat(stats.poolingEnabled()).isEqualTo(pooling);
		assertThat(stats.name()).isEqualTo("contract");
		assertThat(stats.bufferSize()).isEqualTo(1024);
		assertThat(stats.maxPoolSize()).isEqualTo(8);
		assertThat(stats.acquisitions()).isEqualTo(4);
		if (pooling) {
			assertThat(stats.misses()).isOne();
			assertThat(stats.hits()).isEqualTo(3);
			assertThat(stats.returned()).isEqualTo(3);
			assertThat(stats.dropped()).isOne();
			assertThat(stats.hitRatio()).isEqualTo(0.75);
		}
		else {
			assertThat(stats.misses()).isEqualTo(4);
			assertThat(stats.hits()).isZero();
			assertThat(stats.returned()).isZero();
			assertThat(stats.dropped()).isEqualTo(4);
			assertThat(stats.hitRatio()).isZero();
		}
		assertThat(stats.peakActive()).isOne();
		assertThat(stats.usage().samples()).isEqualTo(4);
		assertThat(stats.usage().max()).isEqualTo(5000);
		assertThat(stats.usage().p50()).as("100 bytes, to within an eighth").isEqualTo(104);
	}

}
