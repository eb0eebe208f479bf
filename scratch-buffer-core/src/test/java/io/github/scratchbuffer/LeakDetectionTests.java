package io.github.scratchbuffer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scopes that are never closed: closed and counted by their enclosing scope, or found by
 * the garbage collector when tracked.
 */
class LeakDetectionTests {

	private final List<LeakReport> reports = new CopyOnWriteArrayList<>();

	private BufferManager manager(LeakDetection leakDetection) {
		return BufferManager.builder()
			.name("leaky")
			.bufferSize(128)
			.maxPoolSize(4)
			.poolingEnabled(true)
			.leakDetection(leakDetection)
			.leakListener(this.reports::add)
			.build();
	}

	@Test
	void anInnerScopeLeftOpenIsClosedByItsEnclosingScopeAndItsBufferReclaimed() {
		BufferManager manager = manager(LeakDetection.PARANOID);
		BufferScope inner;
		try (BufferScope outer = manager.openScope()) {
			manager.current().write(1);
			inner = openForgottenScope(manager);
			assertThat(manager.stats().active()).isEqualTo(2);
		}
		assertThat(inner.isOpen()).isFalse();
		BufferPoolStats stats = manager.stats();
		assertThat(stats.leaks()).isOne();
		assertThat(stats.idle()).isEqualTo(2);
		BufferInvariants.assertQuiescent(stats);
		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.kind()).isEqualTo(LeakReport.Kind.UNCLOSED_INNER_SCOPE);
			assertThat(report.managerName()).isEqualTo("leaky");
			assertThat(report.threadName()).isEqualTo(Thread.currentThread().getName());
			assertThat(report.openedAt()).isNotNull();
			assertThat(report.openedAt().getStackTrace())
				.anySatisfy((frame) -> assertThat(frame.getMethodName()).isEqualTo("openForgottenScope"));
			assertThat(report.openingSite().getMethodName()).isEqualTo("openForgottenScope");
			assertThat(report.message()).contains("was still open when its enclosing scope closed")
				.contains("opened at io.github.scratchbuffer.LeakDetectionTests.openForgottenScope");
		});
	}

	@Test
	void everyForgottenScopeBetweenTheClosingOneAndTheInnermostIsALeak() {
		BufferManager manager = manager(LeakDetection.OFF);
		BufferScope outer = manager.openScope();
		for (int i = 0; i < 3; i++) {
			manager.openScope().buffer().write(i);
		}
		outer.close();
		BufferPoolStats stats = manager.stats();
		assertThat(stats.leaks()).isEqualTo(3);
		BufferInvariants.assertQuiescent(stats);
		assertThat(this.reports).hasSize(3).allSatisfy((report) -> {
			assertThat(report.openedAt()).isNull();
			assertThat(report.message()).contains("opening site not recorded");
		});
		// The thread is back outside any scope.
		assertThat(manager.current()).isNotNull();
		assertThat(manager.stats().unscoped()).isOne();
	}

	@Test
	void anUnreachableTrackedScopeIsCountedAndItsBufferAccountedFor() throws Exception {
		BufferManager manager = manager(LeakDetection.PARANOID);
		leakUnreachableScopes(manager, 1);
		BufferPoolStats stats = awaitLeaks(manager, 1);
		assertThat(stats.leaks()).isOne();
		assertThat(stats.dropped()).isOne();
		BufferInvariants.assertQuiescent(stats);
		assertThat(this.reports).singleElement().satisfies((report) -> {
			assertThat(report.kind()).isEqualTo(LeakReport.Kind.UNREACHABLE);
			assertThat(report.threadName()).isEqualTo("leaker-0");
			assertThat(report.openedAt()).isNotNull();
		});
	}

	@Test
	void sampledDetectionFindsSomeOfManyUnreachableScopes() throws Exception {
		BufferManager manager = manager(LeakDetection.SAMPLED);
		// One scope in 1024 tracked: 20,000 leaks miss every sample once in e^19 runs.
		leakUnreachableScopes(manager, 20_000);
		BufferPoolStats stats = awaitLeaks(manager, 1);
		assertThat(stats.leaks()).isBetween(1L, 200L);
		assertThat(this.reports).allSatisfy((report) -> assertThat(report.openedAt()).isNotNull());
	}

	@Test
	void withDetectionOffAnUnreachableScopeStaysVisibleAsActive() throws Exception {
		BufferManager manager = manager(LeakDetection.OFF);
		leakUnreachableScopes(manager, 1);
		System.gc();
		BufferPoolStats stats = manager.stats();
		assertThat(stats.leaks()).isZero();
		assertThat(stats.active()).isOne();
	}

	@Test
	void aClosedScopeIsNeverReportedOnceCollected() throws Exception {
		BufferManager manager = manager(LeakDetection.PARANOID);
		for (int i = 0; i < 100; i++) {
			try (BufferScope scope = manager.openScope()) {
				scope.buffer().write(i);
			}
		}
		System.gc();
		Thread.sleep(50);
		assertThat(manager.stats().leaks()).isZero();
		assertThat(this.reports).isEmpty();
	}

	@Test
	void aFailingListenerDoesNotBreakTheClosingScope() {
		BufferManager manager = BufferManager.builder().leakListener((report) -> {
			throw new IllegalStateException("listener failed");
		}).build();
		BufferScope outer = manager.openScope();
		manager.openScope().buffer();
		outer.close();
		assertThat(manager.stats().leaks()).isOne();
		BufferInvariants.assertQuiescent(manager.stats());
	}

	private static BufferScope openForgottenScope(BufferManager manager) {
		BufferScope scope = manager.openScope();
		manager.current().write(2);
		return scope;
	}

	/** Leaks on threads that end, so nothing keeps the scopes reachable. */
	private static void leakUnreachableScopes(BufferManager manager, int count) throws InterruptedException {
		Thread leaker = new Thread(() -> {
			for (int i = 0; i < count; i++) {
				// Never closed: each one nests in the last, and all die with the thread.
				manager.openScope().buffer().write(i);
			}
		}, "leaker-0");
		leaker.start();
		leaker.join();
	}

	private static BufferPoolStats awaitLeaks(BufferManager manager, int expected) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		BufferPoolStats stats = manager.stats();
		while (stats.leaks() < expected && System.nanoTime() < deadline) {
			System.gc();
			Thread.sleep(20);
			stats = manager.stats();
		}
		return stats;
	}

}
