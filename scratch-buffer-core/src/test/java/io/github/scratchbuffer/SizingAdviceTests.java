package io.github.scratchbuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizing advice for synthetic workloads whose right answer is known.
 */
class SizingAdviceTests {

	private static final int KB = 1024;

	@Test
	void whenFortyOnePercentOfScopesGrowPastTheBufferSizeThenRaiseItToCoverThem() {
		BufferManager manager = manager(16 * KB, 1024 * KB);
		run(manager, 590, 10 * KB);
		run(manager, 410, 20 * KB);
		BufferPoolStats.Usage usage = manager.stats().usage();
		assertThat(usage.grown()).isEqualTo(410);
		assertThat(usage.droppedTooLarge()).isZero();
		assertThat(usage.recommendation()).isEqualTo("Raise buffer-size to 32KB: 41% of scopes grew past 16KB.");
	}

	@Test
	void whenEveryScopeGrowsThenRaiseTheBufferSizeToThe99thPercentile() {
		BufferManager manager = manager(1 * KB, 1024 * KB);
		run(manager, 1000, 3000);
		assertThat(manager.stats().usage().recommendation())
			.isEqualTo("Raise buffer-size to 4KB: 100% of scopes grew past 1KB.");
	}

	@Test
	void whenScopesGrowPastTheRetainedLimitThenRaiseThatFirst() {
		BufferManager manager = manager(64 * KB, 1024 * KB);
		run(manager, 900, 8 * KB);
		run(manager, 100, 1536 * KB);
		BufferPoolStats.Usage usage = manager.stats().usage();
		assertThat(usage.droppedTooLarge()).isEqualTo(100);
		assertThat(usage.grown()).isEqualTo(100);
		assertThat(usage.recommendation()).isEqualTo(
				"Raise max-retained-size to 2MB: 10% of scopes grew past 1MB and their buffers were dropped instead of pooled.");
	}

	@Test
	void whenTheBufferSizeIsFarLargerThanScopesNeedThenLowerIt() {
		BufferManager manager = manager(64 * KB, 1024 * KB);
		run(manager, 1000, 3000);
		assertThat(manager.stats().usage().recommendation())
			.isEqualTo("Lower buffer-size to 4KB: 99% of scopes used at most 3000B, a quarter or less of 64KB.");
	}

	@Test
	void whenScopesFitThenKeepTheBufferSize() {
		BufferManager manager = manager(16 * KB, 1024 * KB);
		run(manager, 970, 10 * KB);
		run(manager, 30, 20 * KB);
		assertThat(manager.stats().usage().recommendation())
			.isEqualTo("Keep buffer-size 16KB: 97% of scopes fit in it.");
	}

	@Test
	void whenTooFewScopesHaveRunThenNothingIsRecommendedYet() {
		BufferManager manager = manager(16 * KB, 1024 * KB);
		run(manager, 99, 20 * KB);
		assertThat(manager.stats().usage().recommendation())
			.isEqualTo("Too few samples to recommend a size yet (99 of 100).");
	}

	@Test
	void withPoolingOffLargeBuffersAreNotCountedAsDroppedForTheirSize() {
		BufferManager manager = BufferManager.builder()
			.bufferSize(1 * KB)
			.maxRetainedCapacity(4 * KB)
			.poolingEnabled(false)
			.build();
		run(manager, 200, 8 * KB);
		BufferPoolStats.Usage usage = manager.stats().usage();
		assertThat(usage.droppedTooLarge()).isZero();
		assertThat(usage.grown()).isEqualTo(200);
		assertThat(usage.recommendation()).isEqualTo(
				"Raise buffer-size to 8KB (and max-retained-size to at least 8KB): 100% of scopes grew past 1KB.");
	}

	@Test
	void sizesAreWrittenAsPropertiesAre() {
		assertThat(SizingAdvice.format(512)).isEqualTo("512B");
		assertThat(SizingAdvice.format(3000)).isEqualTo("3000B");
		assertThat(SizingAdvice.format(16 * KB)).isEqualTo("16KB");
		assertThat(SizingAdvice.format(1536 * KB)).isEqualTo("1536KB");
		assertThat(SizingAdvice.format(2048 * KB)).isEqualTo("2MB");
	}

	private static BufferManager manager(int bufferSize, int maxRetained) {
		return BufferManager.builder()
			.bufferSize(bufferSize)
			.maxRetainedCapacity(maxRetained)
			.maxPoolSize(4)
			.poolingEnabled(true)
			.build();
	}

	private static void run(BufferManager manager, int scopes, int bytes) {
		byte[] content = new byte[bytes];
		for (int i = 0; i < scopes; i++) {
			try (BufferScope scope = manager.openScope()) {
				manager.current().write(content);
			}
		}
	}

}
