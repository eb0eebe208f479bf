package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.actuate.endpoint.BufferPoolEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class BufferPoolEndpointAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ScratchBufferAutoConfiguration.class, BufferPoolEndpointAutoConfiguration.class));

	@Test
	void whenExposedThenTheEndpointIsCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=bufferpool")
			.run((context) -> assertThat(context).hasSingleBean(BufferPoolEndpoint.class));
	}

	@Test
	void whenNotExposedThenTheEndpointIsNotCreated() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(BufferPoolEndpoint.class));
	}

	@Test
	void whenAccessIsNoneThenTheEndpointIsNotCreated() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=bufferpool",
					"management.endpoint.bufferpool.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferPoolEndpoint.class));
	}

	@Test
	void whenActuatorIsMissingThenTheEndpointIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=bufferpool")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(BufferPoolEndpoint.class));
	}

	@Test
	void whenStarterIsDisabledThenTheEndpointIsNotCreated() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=bufferpool", "scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferPoolEndpoint.class));
	}

	@Test
	void whenTheUserDefinesTheEndpointThenTheirsIsUsed() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=bufferpool")
			.withUserConfiguration(UserEndpointConfiguration.class)
			.run((context) -> assertThat(context).getBean(BufferPoolEndpoint.class)
				.isSameAs(context.getBean("userEndpoint")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpointConfiguration {

		@Bean
		BufferPoolEndpoint userEndpoint(BufferManager bufferManager) {
			return new BufferPoolEndpoint(bufferManager);
		}

	}

}
