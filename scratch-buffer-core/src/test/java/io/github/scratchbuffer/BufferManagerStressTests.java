package io.github.scratchbuffer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads opening and closing scopes against a small pool, while another thread
 * toggles pooling and drains. Proves that no array is ever held by two scopes at once,
 * that zeroing holds under contention, and that every buffer is accounted for at the end.
 */
class BufferManagerStressTests {

	private static final int THREADS = 8;

	private static final int SCOPES_PER_THREAD = 5_000;

	@ParameterizedTest(name = "toggling={0}")
	@ValueSource(booleans = { false, true })
	void noBufferIsLostDuplicatedOrSharedUnderContention(boolean toggling) throws Exception {
		BufferManager manager = BufferManager.builder()
			.name("stress")
			.bufferSize(256)
			.maxRetainedCapacity(1024)
			.maxPoolSize(4)
			.poolingEnabled(true)
			.leakDetection(LeakDetection.OFF)
			.build();
		Set<byte[]> held = ConcurrentHashMap.newKeySet();
		AtomicLong acquired = new AtomicLong();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService executor = Executors.newFixedThreadPool(THREADS + 1);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				long seed = t;
				workers.add(executor.submit(() -> {
					start.await();
					work(manager, new SplittableRandom(seed), held, acquired);
					return null;
				}));
			}
			Future<?> toggler = executor.submit(() -> {
				start.await();
				boolean enabled = true;
				while (toggling && running.get()) {
					enabled = !enabled;
					manager.setPoolingEnabled(enabled);
					manager.drain();
					Thread.onSpinWait();
				}
				manager.setPoolingEnabled(true);
				return null;
			});
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get(2, TimeUnit.MINUTES);
			}
			running.set(false);
			toggler.get(1, TimeUnit.MINUTES);
		}
		finally {
			executor.shutdownNow();
		}
		BufferPoolStats stats = manager.stats();
		BufferInvariants.assertQuiescent(stats);
		assertThat(stats.acquisitions()).isEqualTo(acquired.get());
		assertThat(stats.leaks()).isZero();
		assertThat(held).isEmpty();
		assertThat(stats.hits()).isPositive();
		assertThat(stats.peakActive()).isBetween(1L, (long) THREADS * 2);
	}

	/**
	 * A scope closed on one thread (a container completing an async request) while
	 * another thread takes its buffer for the first time (the async work calling
	 * {@code current()}): whichever wins, the buffer is accounted for exactly once. The
	 * two threads meet at every scope, so that the close lands inside the acquisition
	 * often.
	 */
	@ParameterizedTest(name = "pooling={0}")
	@ValueSource(booleans = { true, false })
	void aBufferTakenWhileAnotherThreadClosesItsScopeIsNeverLost(boolean pooling) throws Exception {
		BufferManager manager = BufferManager.builder().bufferSize(1024).maxPoolSize(4).poolingEnabled(pooling).build();
		int rounds = 50_000;
		BufferScope[] scopes = new BufferScope[rounds];
		for (int i = 0; i < rounds; i++) {
			scopes[i] = manager.openScope();
			scopes[i].detach();
		}
		AtomicLong arrivals = new AtomicLong();
		AtomicLong refused = new AtomicLong();
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> user = threads.submit(() -> {
				for (int i = 0; i < rounds; i++) {
					meet(arrivals, i);
					try {
						scopes[i].buffer().write(1);
					}
					catch (IllegalStateException ex) {
						refused.incrementAndGet();
					}
				}
			});
			Future<?> closer = threads.submit(() -> {
				for (int i = 0; i < rounds; i++) {
					meet(arrivals, i);
					scopes[i].close();
				}
			});
			user.get(1, TimeUnit.MINUTES);
			closer.get(1, TimeUnit.MINUTES);
		}
		finally {
			threads.shutdownNow();
		}
		BufferPoolStats stats = manager.stats();
		BufferInvariants.assertQuiescent(stats);
		// Each scope takes at most one array, given back by its closer or, when the
		// close came first, by the taker itself.
		assertThat(stats.acquisitions()).as("%s, %d refused", stats, refused.get()).isLessThanOrEqualTo(rounds);
	}

	/** Spins until both threads have arrived at round {@code round}. */
	private static void meet(AtomicLong arrivals, int round) {
		arrivals.incrementAndGet();
		long target = 2L * (round + 1);
		while (arrivals.get() < target) {
			Thread.onSpinWait();
		}
	}

	private static void work(BufferManager manager, SplittableRandom random, Set<byte[]> held, AtomicLong acquired) {
		for (int i = 0; i < SCOPES_PER_THREAD; i++) {
			try (BufferScope scope = manager.openScope()) {
				ScratchBuffer buffer = manager.current();
				acquired.incrementAndGet();
				byte[] array = buffer.array();
				assertThat(held.add(array)).as("array handed to two scopes at once").isTrue();
				assertThat(buffer.size()).isZero();
				assertThat(array).as("bytes of an earlier scope are visible").containsOnly(0);
				byte token = (byte) random.nextInt(1, 256);
				int length = random.nextInt(1, 1500);
				for (int b = 0; b < length; b++) {
					buffer.write(token);
				}
				if (random.nextInt(8) == 0) {
					nested(manager, random, held, acquired);
				}
				assertThat(buffer.toByteArray()).as("another scope wrote into this buffer").containsOnly(token);
				assertThat(held.remove(array)).isTrue();
			}
		}
	}

	private static void nested(BufferManager manager, SplittableRandom random, Set<byte[]> held, AtomicLong acquired) {
		try (BufferScope inner = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			acquired.incrementAndGet();
			byte[] array = buffer.array();
			assertThat(held.add(array)).as("array handed to two scopes at once").isTrue();
			buffer.write(new byte[random.nextInt(1, 300)]);
			assertThat(held.remove(array)).isTrue();
		}
	}

}
