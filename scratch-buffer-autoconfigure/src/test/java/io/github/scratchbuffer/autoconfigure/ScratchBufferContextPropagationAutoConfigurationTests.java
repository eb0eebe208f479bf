package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.context.BufferScopeThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferContextPropagationAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScratchBufferAutoConfiguration.class,
				ScratchBufferContextPropagationAutoConfiguration.class))
		.withPropertyValues("scratch-buffer.name=registered");

	@Test
	void whenContextPropagationIsPresentThenTheAccessorIsRegisteredWhileTheContextRuns() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(BufferScopeThreadLocalAccessor.class);
			assertThat(registeredKeys()).contains("scratch-buffer.scope.registered");
		});
		assertThat(registeredKeys()).doesNotContain("scratch-buffer.scope.registered");
	}

	@Test
	void whenContextPropagationIsMissingThenNoAccessorIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ContextRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(BufferScopeThreadLocalAccessor.class));
	}

	@Test
	void whenStarterIsDisabledThenNoAccessorIsCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferScopeThreadLocalAccessor.class));
	}

	private static java.util.List<Object> registeredKeys() {
		return ContextRegistry.getInstance()
			.getThreadLocalAccessors()
			.stream()
			.map((accessor) -> accessor.key())
			.toList();
	}

}
