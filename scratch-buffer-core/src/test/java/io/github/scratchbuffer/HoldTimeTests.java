package io.github.scratchbuffer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long scopes hold their buffers, on a clock the test moves: known holds give known
 * percentiles, only scopes that took a buffer are measured, and sampling measures about
 * the share it says.
 */
class HoldTimeTests {

	private final AtomicLong clock = new AtomicLong(1_000_000);

	private final AtomicInteger clockReads = new AtomicInteger();

	private BufferManager manager(int samplingInterval) {
		return BufferManager.builder().poolingEnabled(true).holdSamplingInterval(samplingInterval).ticker(() -> {
			this.clockReads.incrementAndGet();
			return this.clock.get();
		}).build();
	}

	private void holdFor(BufferManager manager, Duration hold) {
		try (BufferScope scope = manager.openScope()) {
			scope.buffer().writeAscii("x");
			this.clock.addAndGet(hold.toNanos());
		}
	}

	@Test
	void aKnownHoldIsMeasuredExactlyAndToldToListeners() {
		BufferManager manager = manager(1);
		List<Long> told = new CopyOnWriteArrayList<>();
		manager.addHoldTimeListener(told::add);
		holdFor(manager, Duration.ofMillis(3));
		holdFor(manager, Duration.ofNanos(1_234_567));
		assertThat(told).containsExactly(3_000_000L, 1_234_567L);
		BufferPoolStats.Hold hold = manager.stats().hold();
		assertThat(hold.samples()).isEqualTo(2);
		assertThat(hold.max()).isEqualTo(Duration.ofMillis(3));
		// Two samples: the median is the shorter one, rounded up to its bucket's bound.
		assertThat(hold.p50()).isBetween(Duration.ofNanos(1_234_567), Duration.ofNanos(1_234_567 * 1125 / 1000));
		assertThat(hold.p99()).isEqualTo(Duration.ofMillis(3));
	}

	@Test
	void percentilesOfManyHoldsAreWithinTheirBucketsResolution() {
		BufferManager manager = manager(1);
		for (int micros = 1; micros <= 1000; micros++) {
			holdFor(manager, Duration.ofNanos(micros * 1000L));
		}
		BufferPoolStats.Hold hold = manager.stats().hold();
		assertThat(hold.samples()).isEqualTo(1000);
		assertThat(hold.p50()).isBetween(Duration.ofNanos(500_000), Duration.ofNanos(562_500));
		assertThat(hold.p99()).isBetween(Duration.ofNanos(990_000), Duration.ofNanos(1_000_000));
		assertThat(hold.max()).isEqualTo(Duration.ofNanos(1_000_000));
	}

	@Test
	void shortHoldsAreExactToTheMicrosecond() {
		BufferManager manager = manager(1);
		for (int i = 0; i < 10; i++) {
			holdFor(manager, Duration.ofNanos(7_000));
		}
		assertThat(manager.stats().hold().p50()).isEqualTo(Duration.ofNanos(7_000));
	}

	@Test
	void aScopeTrackedForLeaksIsTimedAsWellAndItsLeakStillFound() {
		List<LeakReport> leaks = new CopyOnWriteArrayList<>();
		BufferManager manager = BufferManager.builder()
			.poolingEnabled(true)
			.holdSamplingInterval(1)
			.leakDetection(LeakDetection.PARANOID)
			.leakListener(leaks::add)
			.ticker(this.clock::get)
			.build();
		holdFor(manager, Duration.ofNanos(9_000));
		BufferScope outer = manager.openScope();
		manager.openScope().buffer();
		this.clock.addAndGet(4_000);
		outer.close();
		BufferPoolStats stats = manager.stats();
		assertThat(stats.hold().samples()).isEqualTo(2);
		assertThat(stats.hold().max()).isEqualTo(Duration.ofNanos(9_000));
		assertThat(stats.leaks()).isOne();
		assertThat(leaks).singleElement().satisfies((report) -> assertThat(report.openedAt()).isNotNull());
		BufferInvariants.assertQuiescent(stats);
	}

	@Test
	void scopesThatNeverTookABufferAndUnscopedBuffersAreNotMeasured() {
		BufferManager manager = manager(1);
		try (BufferScope scope = manager.openScope()) {
			this.clock.addAndGet(5_000_000);
		}
		manager.current().writeAscii("outside any scope");
		assertThat(manager.stats().hold()).isEqualTo(BufferPoolStats.Hold.NONE);
		assertThat(this.clockReads).hasValue(0);
	}

	@Test
	void aScopeClosedOnAnotherThreadIsMeasuredThere() throws Exception {
		BufferManager manager = manager(1);
		BufferScope scope = manager.openScope();
		scope.buffer();
		scope.detach();
		this.clock.addAndGet(42_000);
		CompletableFuture.runAsync(scope::close).get();
		assertThat(manager.stats().hold().max()).isEqualTo(Duration.ofNanos(42_000));
	}

	@Test
	void samplingOffNeverReadsTheClock() {
		BufferManager manager = manager(0);
		for (int i = 0; i < 1000; i++) {
			holdFor(manager, Duration.ofMillis(1));
		}
		assertThat(manager.stats().hold().samples()).isZero();
		assertThat(this.clockReads).hasValue(0);
	}

	@Test
	void samplingMeasuresAboutOneScopeInTheInterval() {
		BufferManager manager = manager(64);
		for (int i = 0; i < 64_000; i++) {
			holdFor(manager, Duration.ofMillis(1));
		}
		// Binomial with mean 1000 and standard deviation 31: 200 is more than six of
		// them.
		long samples = manager.stats().hold().samples();
		assertThat(samples).isBetween(800L, 1200L);
		assertThat(this.clockReads).hasValue((int) (2 * samples));
	}

	@Test
	void aFailingListenerNeitherBreaksTheCloseNorStopsTheOthers() {
		BufferManager manager = manager(1);
		List<Long> told = new CopyOnWriteArrayList<>();
		manager.addHoldTimeListener((nanos) -> {
			throw new IllegalStateException("listener failed");
		});
		manager.addHoldTimeListener(told::add);
		holdFor(manager, Duration.ofMillis(2));
		assertThat(told).containsExactly(2_000_000L);
		BufferInvariants.assertQuiescent(manager.stats());
	}

	@Test
	void aRemovedListenerIsToldNothingMore() {
		BufferManager manager = manager(1);
		List<Long> told = new CopyOnWriteArrayList<>();
		HoldTimeListener listener = told::add;
		manager.addHoldTimeListener(listener);
		holdFor(manager, Duration.ofMillis(1));
		manager.removeHoldTimeListener(listener);
		manager.removeHoldTimeListener(listener);
		holdFor(manager, Duration.ofMillis(1));
		assertThat(told).hasSize(1);
		assertThat(manager.stats().hold().samples()).isEqualTo(2);
	}

}
