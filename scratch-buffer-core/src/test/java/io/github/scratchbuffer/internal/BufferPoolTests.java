package io.github.scratchbuffer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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

}
