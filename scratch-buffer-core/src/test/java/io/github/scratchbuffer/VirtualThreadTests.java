package io.github.scratchbuffer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scopes on 10,000 virtual threads at once (JDK 21+; the build targets 17, so virtual
 * threads are reached reflectively): every buffer comes back, memory stays bounded by the
 * pool plus the buffers in use, and nothing pins a carrier thread while a scope's work
 * blocks.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadTests {

	private static final int THREADS = 10_000;

	private static final int BUFFER_SIZE = 8 * 1024;

	private static final int MAX_POOL_SIZE = 64;

	@Test
	void tenThousandVirtualThreadsShareABoundedPoolWithoutPinning() throws Exception {
		BufferManager manager = BufferManager.builder()
			.name("virtual")
			.bufferSize(BUFFER_SIZE)
			.maxRetainedCapacity(BUFFER_SIZE)
			.maxPoolSize(MAX_POOL_SIZE)
			.poolingEnabled(true)
			.build();
		AtomicInteger pinned = new AtomicInteger();
		AtomicInteger pinnedElsewhere = new AtomicInteger();
		AtomicLong sampledActive = new AtomicLong();
		// First uses load and link classes, which pins a carrier whoever does it: warm up
		// before recording.
		runOnVirtualThreads(manager, 1_000, new AtomicLong(), new CountDownLatch(1_000));
		BufferPoolStats beforeRun = manager.stats();
		CountDownLatch allStarted = new CountDownLatch(THREADS);
		try (RecordingStream pinning = new RecordingStream()) {
			pinning.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
			pinning.onEvent("jdk.VirtualThreadPinned",
					(event) -> (pinnedInThisLibrary(event.getStackTrace()) ? pinned : pinnedElsewhere)
						.incrementAndGet());
			pinning.startAsync();
			runOnVirtualThreads(manager, THREADS, sampledActive, allStarted);
			// Let the recording deliver what it captured.
			Thread.sleep(500);
		}
		BufferPoolStats stats = manager.stats();
		BufferInvariants.assertQuiescent(stats);
		assertThat(stats.acquisitions() - beforeRun.acquisitions()).isEqualTo(THREADS);
		assertThat(stats.leaks()).isZero();
		assertThat(stats.unscoped()).as("no per-thread buffers").isZero();
		assertThat(stats.idle()).isLessThanOrEqualTo(MAX_POOL_SIZE);
		assertThat(stats.retainedBytes()).isLessThanOrEqualTo((long) MAX_POOL_SIZE * BUFFER_SIZE);
		assertThat(pinned).as("carrier threads pinned in scratch-buffer code").hasValue(0);
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		long heapAfter = runtime.totalMemory() - runtime.freeMemory();
		System.out.printf(
				"10,000 virtual threads: peak active %d (sampled %d), hits %d, misses %d, dropped %d, "
						+ "retained %d bytes in %d idle buffers, heap after GC %d MB, pinned %d here, %d elsewhere%n",
				stats.peakActive(), sampledActive.get(), stats.hits() - beforeRun.hits(),
				stats.misses() - beforeRun.misses(), stats.dropped() - beforeRun.dropped(), stats.retainedBytes(),
				stats.idle(), heapAfter >> 20, pinned.get(), pinnedElsewhere.get());
	}

	private static void runOnVirtualThreads(BufferManager manager, int threads, AtomicLong sampledActive,
			CountDownLatch allStarted) throws Exception {
		ExecutorService executor = virtualThreadPerTaskExecutor();
		try {
			List<Future<?>> tasks = new ArrayList<>(threads);
			for (int i = 0; i < threads; i++) {
				byte token = (byte) (i | 1);
				tasks.add(executor.submit(manager.wrap(() -> {
					ScratchBuffer buffer = manager.current();
					for (int b = 0; b < 4096; b++) {
						buffer.write(token);
					}
					allStarted.countDown();
					sampledActive.accumulateAndGet(manager.stats().active(), Math::max);
					sleep(ThreadLocalRandom.current().nextInt(1, 20));
					byte[] content = buffer.toByteArray();
					for (byte b : content) {
						if (b != token) {
							throw new AssertionError("another scope wrote into this buffer");
						}
					}
				})));
			}
			for (Future<?> task : tasks) {
				task.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdown();
			assertThat(executor.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
		}
	}

	/**
	 * Whether the innermost frame outside the JDK, where the pinning operation was
	 * called, is this library's.
	 */
	private static boolean pinnedInThisLibrary(RecordedStackTrace stackTrace) {
		if (stackTrace == null) {
			return false;
		}
		for (RecordedFrame frame : stackTrace.getFrames()) {
			String type = frame.getMethod().getType().getName();
			if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
				return type.startsWith("io.github.scratchbuffer.") && !type.endsWith("Tests")
						&& !type.contains("Tests$");
			}
		}
		return false;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static ExecutorService virtualThreadPerTaskExecutor() throws ReflectiveOperationException {
		return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
	}

}
