package io.github.scratchbuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What pooling adds: reuse, bounds, exhaustion, oversized buffers, draining, the runtime
 * toggle, and zeroing before reuse.
 */
class BufferPoolingTests {

	private static final int BUFFER_SIZE = 256;

	private final List<BufferManager> managers = new ArrayList<>();

	@AfterEach
	void everyBufferIsAccountedFor() {
		for (BufferManager manager : this.managers) {
			BufferInvariants.assertQuiescent(manager.stats());
		}
	}

	private BufferManager manager(int maxPoolSize, boolean zeroOnRelease) {
		BufferManager manager = BufferManager.builder()
			.name("pooling")
			.bufferSize(BUFFER_SIZE)
			.maxRetainedCapacity(1024)
			.maxPoolSize(maxPoolSize)
			.poolingEnabled(true)
			.zeroOnRelease(zeroOnRelease)
			.leakDetection(LeakDetection.OFF)
			.build();
		this.managers.add(manager);
		return manager;
	}

	@Test
	void aReleasedBufferIsReusedByTheNextScope() {
		BufferManager manager = manager(4, true);
		byte[] first;
		try (BufferScope scope = manager.openScope()) {
			first = manager.current().array();
		}
		assertThat(manager.stats().idle()).isOne();
		assertThat(manager.stats().retainedBytes()).isEqualTo(BUFFER_SIZE);
		try (BufferScope scope = manager.openScope()) {
			assertThat(manager.current().array()).isSameAs(first);
		}
		BufferPoolStats stats = manager.stats();
		assertThat(stats.hits()).isOne();
		assertThat(stats.misses()).isOne();
		assertThat(stats.returned()).isEqualTo(2);
	}

	@Test
	void anEmptyPoolAllocatesInsteadOfWaiting() {
		BufferManager manager = manager(2, true);
		List<BufferScope> scopes = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			BufferScope scope = manager.openScope();
			scope.buffer().write(i);
			scopes.add(scope);
		}
		BufferPoolStats busy = manager.stats();
		assertThat(busy.active()).isEqualTo(5);
		assertThat(busy.peakActive()).isEqualTo(5);
		assertThat(busy.misses()).isEqualTo(5);
		assertThat(busy.utilization()).isEqualTo(2.5);
		closeInnermostFirst(scopes);
		BufferPoolStats stats = manager.stats();
		assertThat(stats.returned()).isEqualTo(2);
		assertThat(stats.dropped()).isEqualTo(3);
		assertThat(stats.idle()).isEqualTo(2);
		assertThat(stats.leaks()).isZero();
	}

	@Test
	void peakActiveCountsScopesServedFromThePool() {
		BufferManager manager = manager(4, false);
		List<BufferScope> scopes = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			BufferScope scope = manager.openScope();
			scope.buffer();
			scopes.add(scope);
		}
		closeInnermostFirst(scopes);
		scopes.clear();
		for (int i = 0; i < 4; i++) {
			BufferScope scope = manager.openScope();
			scope.buffer();
			scopes.add(scope);
		}
		assertThat(manager.stats().peakActive()).isEqualTo(4);
		closeInnermostFirst(scopes);
		assertThat(manager.stats().hits()).isEqualTo(3);
	}

	@Test
	void aBufferThatGrewPastTheMaxRetainedCapacityIsDropped() {
		BufferManager manager = manager(4, true);
		try (BufferScope scope = manager.openScope()) {
			manager.current().write(new byte[1025]);
		}
		try (BufferScope scope = manager.openScope()) {
			manager.current().write(new byte[1000]);
		}
		BufferPoolStats stats = manager.stats();
		assertThat(stats.dropped()).isOne();
		assertThat(stats.returned()).isOne();
		assertThat(stats.idle()).isOne();
		assertThat(stats.retainedBytes()).isEqualTo(1000);
	}

	@Test
	void drainDropsTheIdleBuffers() {
		BufferManager manager = manager(4, true);
		fillPool(manager, 3);
		assertThat(manager.drain()).isEqualTo(3);
		BufferPoolStats stats = manager.stats();
		assertThat(stats.idle()).isZero();
		assertThat(stats.retainedBytes()).isZero();
		assertThat(stats.drained()).isEqualTo(3);
		assertThat(manager.drain()).isZero();
	}

	@Test
	void turningPoolingOffDrainsThePoolAndDropsLaterReleases() {
		BufferManager manager = manager(4, true);
		fillPool(manager, 2);
		BufferScope open = manager.openScope();
		open.buffer();
		manager.setPoolingEnabled(false);
		assertThat(manager.isPoolingEnabled()).isFalse();
		assertThat(manager.stats().idle()).isZero();
		open.close();
		try (BufferScope scope = manager.openScope()) {
			manager.current();
		}
		BufferPoolStats stats = manager.stats();
		assertThat(stats.idle()).isZero();
		assertThat(stats.dropped()).isEqualTo(2);
		manager.setPoolingEnabled(true);
		fillPool(manager, 1);
		assertThat(manager.stats().idle()).isOne();
	}

	@Test
	void aPoolOfSizeZeroKeepsNothing() {
		BufferManager manager = manager(0, true);
		fillPool(manager, 2);
		BufferPoolStats stats = manager.stats();
		assertThat(stats.idle()).isZero();
		assertThat(stats.dropped()).isEqualTo(2);
		assertThat(stats.utilization()).isZero();
	}

	@Test
	void noByteWrittenInOneScopeIsReadableInTheNext() {
		BufferManager manager = manager(1, true);
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(secret(200));
			buffer.clear();
			buffer.write(secret(50));
		}
		try (BufferScope scope = manager.openScope()) {
			assertThat(manager.current().array()).containsOnly(0);
		}
		assertThat(manager.stats().hits()).isOne();
	}

	@Test
	void aBufferWhoseArrayWasHandedOutIsZeroedWhole() {
		BufferManager manager = manager(1, true);
		try (BufferScope scope = manager.openScope()) {
			byte[] array = manager.current().array();
			// Written behind the buffer's back: only the array's owner knows.
			Arrays.fill(array, (byte) 0x5A);
		}
		try (BufferScope scope = manager.openScope()) {
			assertThat(manager.current().array()).containsOnly(0);
		}
	}

	@Test
	void bytesCopiedDuringGrowthAreZeroedToo() {
		BufferManager manager = manager(1, true);
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(secret(600));
			buffer.clear();
			buffer.write(secret(10));
		}
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			assertThat(buffer.capacity()).isEqualTo(600);
			assertThat(buffer.array()).containsOnly(0);
		}
	}

	@Test
	void withoutZeroingOnlyTheValidBytesAreVisibleThroughTheBufferApi() {
		BufferManager manager = manager(1, false);
		try (BufferScope scope = manager.openScope()) {
			manager.current().write(secret(100));
		}
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			assertThat(buffer.size()).isZero();
			assertThat(buffer.toByteArray()).isEmpty();
		}
	}

	@Test
	void usageRecommendsTheSmallestPowerOfTwoCoveringTheNinetyNinthPercentile() {
		BufferManager manager = manager(4, false);
		for (int i = 0; i < 99; i++) {
			use(manager, 3000);
		}
		use(manager, 100_000);
		BufferPoolStats.Usage usage = manager.stats().usage();
		assertThat(usage.samples()).isEqualTo(100);
		// Percentiles are bucket bounds: within an eighth above the true value.
		assertThat(usage.p50()).isEqualTo(3072);
		assertThat(usage.p99()).isEqualTo(3072);
		assertThat(usage.max()).isEqualTo(100_000);
		assertThat(usage.recommendedBufferSize()).isEqualTo(4096);
	}

	@Test
	void usageCountsTheLargestContentAScopeClearedAway() {
		BufferManager manager = manager(4, false);
		try (BufferScope scope = manager.openScope()) {
			ScratchBuffer buffer = manager.current();
			buffer.write(new byte[700]);
			buffer.clear();
			buffer.write(new byte[10]);
		}
		BufferPoolStats.Usage usage = manager.stats().usage();
		assertThat(usage.p99()).isEqualTo(700);
		assertThat(usage.recommendedBufferSize()).isEqualTo(1024);
	}

	@Test
	void beforeAnyScopeTheRecommendationIsTheConfiguredSize() {
		BufferManager manager = manager(4, false);
		assertThat(manager.stats().usage()).isEqualTo(new BufferPoolStats.Usage(0, 0, 0, 0, BUFFER_SIZE, 0, 0,
				"Too few samples to recommend a size yet (0 of 100)."));
	}

	private static void use(BufferManager manager, int bytes) {
		try (BufferScope scope = manager.openScope()) {
			manager.current().write(new byte[bytes]);
		}
	}

	private static void fillPool(BufferManager manager, int buffers) {
		List<BufferScope> scopes = new ArrayList<>();
		for (int i = 0; i < buffers; i++) {
			BufferScope scope = manager.openScope();
			scope.buffer();
			scopes.add(scope);
		}
		closeInnermostFirst(scopes);
	}

	private static void closeInnermostFirst(List<BufferScope> scopes) {
		for (int i = scopes.size() - 1; i >= 0; i--) {
			scopes.get(i).close();
		}
	}

	private static byte[] secret(int length) {
		byte[] secret = new byte[length];
		Arrays.fill(secret, (byte) 0x7F);
		return secret;
	}

}
