package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.metrics.ScratchBufferPoolMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ScratchBufferAutoConfiguration.class, ScratchBufferMetricsAutoConfiguration.class));

	@Test
	void whenMicrometerIsPresentThenTheBinderIsCreated() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ScratchBufferPoolMetrics.class));
	}

	@Test
	void whenMicrometerIsMissingThenTheBinderIsNotCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferPoolMetrics.class));
	}

	@Test
	void whenStarterIsDisabledThenTheBinderIsNotCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ScratchBufferPoolMetrics.class));
	}

}
