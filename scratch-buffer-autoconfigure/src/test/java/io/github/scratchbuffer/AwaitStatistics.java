package io.github.scratchbuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Waits for a manager's statistics to settle. A request's or task's scope closes just
 * after its response or result is handed over, so a test that has its answer may look a
 * moment too early.
 */
public final class AwaitStatistics {

	private AwaitStatistics() {
	}

	/**
	 * Polls until no buffer is held, for at most 10 seconds.
	 * @param manager the manager
	 * @return the last statistics read
	 */
	public static BufferPoolStats quiescent(BufferManager manager) throws InterruptedException {
		return until(manager, (stats) -> stats.active() == 0);
	}

	/**
	 * Polls until {@code done} holds, for at most 10 seconds.
	 * @param manager the manager
	 * @param done the condition
	 * @return the last statistics read, which the caller asserts on
	 */
	public static BufferPoolStats until(BufferManager manager, Predicate<BufferPoolStats> done)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		BufferPoolStats stats = manager.stats();
		while (!done.test(stats) && System.nanoTime() < deadline) {
			Thread.sleep(10);
			stats = manager.stats();
		}
		return stats;
	}

}
