package io.github.scratchbuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

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
	 * Waits until no buffer is held, then checks the books: every buffer taken came back
	 * exactly once, nothing leaked, nothing was used outside a scope.
	 * @param manager the manager
	 * @return the statistics checked
	 */
	public static BufferPoolStats assertEveryBufferCameBackOnce(BufferManager manager) throws InterruptedException {
		BufferPoolStats stats = quiescent(manager);
		assertThat(stats.active()).as("active: %s", stats).isZero();
		assertThat(stats.acquisitions()).as("acquisitions == returned + dropped: %s", stats)
			.isEqualTo(stats.returned() + stats.dropped());
		assertThat(stats.acquisitions()).as("acquisitions == hits + misses: %s", stats)
			.isEqualTo(stats.hits() + stats.misses());
		assertThat(stats.leaks()).as("leaks: %s", stats).isZero();
		assertThat(stats.unscoped()).as("no buffer used outside a scope: %s", stats).isZero();
		return stats;
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
