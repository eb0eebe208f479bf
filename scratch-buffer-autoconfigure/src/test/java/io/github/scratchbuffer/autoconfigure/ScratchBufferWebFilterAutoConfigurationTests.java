package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.web.reactive.ScratchBufferWebFilter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferWebFilterAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ScratchBufferAutoConfiguration.class,
			ScratchBufferWebFilterAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void whenReactiveWebApplicationThenTheWebFilterIsRegisteredEarly() {
		this.contextRunner.run((context) -> assertThat(context).getBean(ScratchBufferWebFilter.class)
			.extracting(ScratchBufferWebFilter::getOrder)
			.isEqualTo(ScratchBufferWebFilter.DEFAULT_ORDER));
	}

	@Test
	void whenOrderIsConfiguredThenTheWebFilterUsesIt() {
		this.contextRunner.withPropertyValues("scratch-buffer.filter.order=42")
			.run((context) -> assertThat(context.getBean(ScratchBufferWebFilter.class).getOrder()).isEqualTo(42));
	}

	@Test
	void whenFilterIsDisabledThenNoWebFilterIsCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.filter.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferWebFilter.class));
	}

	@Test
	void whenServletWebApplicationThenNoWebFilterIsCreated() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferWebFilter.class));
	}

	@Test
	void whenWebFluxIsMissingThenNoWebFilterIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebFilter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ScratchBufferWebFilter.class));
	}

	@Test
	void whenTheUserDefinesTheWebFilterThenTheirsWins() {
		this.contextRunner.withUserConfiguration(UserWebFilterConfiguration.class)
			.run((context) -> assertThat(context).getBean(ScratchBufferWebFilter.class)
				.isSameAs(context.getBean("userScratchBufferWebFilter")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWebFilterConfiguration {

		@Bean
		ScratchBufferWebFilter userScratchBufferWebFilter(BufferManager bufferManager) {
			return new ScratchBufferWebFilter(bufferManager, 0);
		}

	}

}
