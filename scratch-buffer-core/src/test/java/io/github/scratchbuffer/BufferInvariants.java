package io.github.scratchbuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The accounting every manager must satisfy once no scope is open.
 */
final class BufferInvariants {

	private BufferInvariants() {
	}

	static void assertQuiescent(BufferPoolStats stats) {
		assertThat(stats.active()).as("active buffers at rest: %s", stats).isZero();
		assertThat(stats.acquisitions()).as("acquisitions == hits + misses: %s", stats)
			.isEqualTo(stats.hits() + stats.misses());
		assertThat(stats.acquisitions()).as("acquisitions == returned + dropped: %s", stats)
			.isEqualTo(stats.returned() + stats.dropped());
		assertThat(stats.idle()).as("idle <= maxPoolSize: %s", stats).isLessThanOrEqualTo(stats.maxPoolSize());
		assertThat(stats.retainedBytes()).as("retained bytes within bounds: %s", stats)
			.isLessThanOrEqualTo((long) stats.idle() * stats.maxRetainedCapacity());
		if (!stats.poolingEnabled()) {
			assertThat(stats.idle()).as("no idle buffer with pooling off: %s", stats).isZero();
		}
	}

}
