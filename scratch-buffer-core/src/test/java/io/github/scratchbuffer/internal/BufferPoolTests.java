package io.github.scratchbuffer.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BufferPoolTests {

	@Test
	void anEmptyPoolHasNothingToGive() {
		assertThat(new BufferPool(3).poll()).isNull();
	}

	@Test
	void offeredArraysComeBackUntilThePoolIsEmpty() {
		BufferPool pool = new BufferPool(2);
		byte[] first = new byte[1];
		byte[] second = new byte[2];
		assertThat(pool.offer(first)).isTrue();
		assertThat(pool.offer(second)).isTrue();
		assertThat(pool.idle()).isEqualTo(2);
		assertThat(pool.retainedBytes()).isEqualTo(3);
		List<byte[]> taken = new ArrayList<>();
		taken.add(pool.poll());
		taken.add(pool.poll());
		assertThat(taken).containsExactlyInAnyOrder(first, second);
		assertThat(pool.poll()).isNull();
	}

	@Test
	void aFullPoolRefusesMore() {
		BufferPool pool = new BufferPool(1);
		assertThat(pool.offer(new byte[1])).isTrue();
		assertThat(pool.offer(new byte[1])).isFalse();
		assertThat(pool.idle()).isOne();
	}

	@Test
	void aPoolOfSizeZeroHoldsNothing() {
		BufferPool pool = new BufferPool(0);
		assertThat(pool.offer(new byte[1])).isFalse();
		assertThat(pool.poll()).isNull();
		assertThat(pool.drain()).isZero();
	}

	@Test
	void drainEmptiesThePoolAndCounts() {
		BufferPool pool = new BufferPool(4);
		pool.offer(new byte[1]);
		pool.offer(new byte[1]);
		assertThat(pool.drain()).isEqualTo(2);
		assertThat(pool.idle()).isZero();
		assertThat(pool.retainedBytes()).isZero();
	}

	@Test
	void anotherArrayTakesTheSlotOfOneTaken() {
		BufferPool pool = new BufferPool(1);
		byte[] first = new byte[1];
		byte[] second = new byte[2];
		pool.offer(first);
		assertThat(pool.poll()).isSameAs(first);
		assertThat(pool.offer(second)).isTrue();
		assertThat(pool.offer(first)).isFalse();
		assertThat(pool.retainedBytes()).isEqualTo(2);
		assertThat(pool.poll()).isSameAs(second);
		assertThat(pool.poll()).isNull();
	}

	@Test
	void drainLetsGoOfArraysTakenFromThePool() throws Exception {
		BufferPool pool = new BufferPool(2);
		pool.offer(new byte[1024]);
		WeakReference<byte[]> taken = new WeakReference<>(pool.poll());
		assertThat(pool.drain()).isZero();
		awaitCollected(taken);
		assertThat(pool.poll()).isNull();
	}

	@Test
	void aHugeSizeIsCappedAndStillWorks() {
		BufferPool pool = new BufferPool(Integer.MAX_VALUE);
		assertThat(pool.size()).isEqualTo(BufferPool.MAX_SIZE);
		byte[] array = new byte[1];
		assertThat(pool.offer(array)).isTrue();
		assertThat(pool.poll()).isSameAs(array);
		assertThat(pool.poll()).isNull();
	}

	@Test
	void aNegativeSizeIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BufferPool(-1))
			.withMessage("'size' must not be negative, was -1");
	}

	@Test
	void concurrentPollAndOfferNeverHandOneArrayToTwoThreadsNorLoseOne() throws Exception {
		// Fewer arrays than threads, so that threads meet on the same slots.
		int arrays = 2;
		BufferPool pool = new BufferPool(4);
		for (int i = 0; i < arrays; i++) {
			pool.offer(new byte[1]);
		}
		Set<byte[]> held = ConcurrentHashMap.newKeySet();
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				workers.add(executor.submit(() -> {
					for (int i = 0; i < 100_000; i++) {
						byte[] array = pool.poll();
						if (array != null) {
							assertThat(held.add(array)).isTrue();
							assertThat(held.remove(array)).isTrue();
							assertThat(pool.offer(array)).isTrue();
						}
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(pool.idle()).isEqualTo(arrays);
	}

	@Test
	void concurrentSwapsAndDrainsNeitherDuplicateNorLoseAnArray() throws Exception {
		// Threads give back either the array they took or a new one (which must take a
		// slot's place), while another drains: every array accepted is later taken,
		// drained or still idle, exactly once.
		BufferPool pool = new BufferPool(3);
		Set<byte[]> held = ConcurrentHashMap.newKeySet();
		AtomicLong accepted = new AtomicLong();
		AtomicLong taken = new AtomicLong();
		AtomicLong drained = new AtomicLong();
		AtomicBoolean working = new AtomicBoolean(true);
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < 3; t++) {
				workers.add(executor.submit(() -> {
					for (int i = 0; i < 100_000; i++) {
						byte[] array = pool.poll();
						if (array != null) {
							taken.incrementAndGet();
							assertThat(held.add(array)).isTrue();
							assertThat(held.remove(array)).isTrue();
						}
						if (array == null || i % 7 == 0) {
							array = new byte[1];
						}
						if (pool.offer(array)) {
							accepted.incrementAndGet();
						}
					}
					return null;
				}));
			}
			Future<?> drainer = executor.submit(() -> {
				while (working.get()) {
					drained.addAndGet(pool.drain());
					Thread.onSpinWait();
				}
			});
			for (Future<?> worker : workers) {
				worker.get(1, TimeUnit.MINUTES);
			}
			working.set(false);
			drainer.get(1, TimeUnit.MINUTES);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(accepted.get() - taken.get() - drained.get()).isEqualTo(pool.idle());
		assertThat(pool.idle()).isBetween(0, 3);
	}

	private static void awaitCollected(WeakReference<?> reference) throws InterruptedException {
		for (int i = 0; i < 50 && reference.get() != null; i++) {
			System.gc();
			Thread.sleep(10);
		}
		assertThat(reference.get()).as("collected").isNull();
	}

}
