package io.github.scratchbuffer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

class BufferManagerSettingsTests {

	@Test
	void defaultsSuitAWebApplication() {
		BufferManagerSettings settings = BufferManager.builder().build().settings();
		assertThat(settings)
			.isEqualTo(new BufferManagerSettings("default", 65536, 1048576, false, 64, true, LeakDetection.SAMPLED));
		assertThat(settings.maxRetainedBytes()).isEqualTo(64L * 1048576);
	}

	@Test
	void settingsCanBeCopiedIntoABuilder() {
		BufferManagerSettings settings = new BufferManagerSettings("copy", 10, 20, true, 3, false,
				LeakDetection.PARANOID, 5);
		assertThat(BufferManager.builder().settings(settings).build().settings()).isEqualTo(settings);
	}

	@Test
	void holdSamplingIntervalMustNotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> BufferManager.builder().holdSamplingInterval(-1).build())
			.withMessage("'holdSamplingInterval' must not be negative, was -1");
	}

	@Test
	void bufferSizeMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> BufferManager.builder().bufferSize(0).build())
			.withMessage("'bufferSize' must be between 1 and 2147483639 bytes, was 0");
	}

	@Test
	void maxRetainedCapacityMustHoldAtLeastOneBuffer() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BufferManager.builder().bufferSize(100).maxRetainedCapacity(99).build())
			.withMessage("'maxRetainedCapacity' must be between 'bufferSize' (100) and 2147483639 bytes, was 99");
	}

	@Test
	void bufferSizeMustFitInAJavaArray() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> BufferManager.builder().bufferSize(Integer.MAX_VALUE).build())
			.withMessageContaining("'bufferSize' must be between 1 and 2147483639 bytes");
	}

	@Test
	void maxPoolSizeMustNotBeNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> BufferManager.builder().maxPoolSize(-1).build())
			.withMessage("'maxPoolSize' must not be negative, was -1");
	}

	@Test
	void nameMustNotBeBlank() {
		assertThatIllegalArgumentException().isThrownBy(() -> BufferManager.builder().name(" ").build())
			.withMessage("'name' must not be blank");
	}

	@Test
	void leakDetectionMustBeGiven() {
		assertThatNullPointerException().isThrownBy(() -> BufferManager.builder().leakDetection(null).build())
			.withMessage("'leakDetection' must not be null");
	}

}
