package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.http.RequestBodyTooLargeAdvice;
import io.github.scratchbuffer.http.converter.ScratchBufferHttpMessageConverter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.AbstractHttpMessageConverter;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferHttpMessageConverterAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ScratchBufferAutoConfiguration.class,
			ScratchBufferHttpMessageConverterAutoConfiguration.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void whenServletWebApplicationThenTheConverterAndTheAdviceAreRegistered() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ScratchBufferHttpMessageConverter.class)
			.hasSingleBean(RequestBodyTooLargeAdvice.class));
	}

	@Test
	void whenNoMaxSizeIsSetThenBodiesUpToOneMegabyteAreRead() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(ScratchBufferHttpMessageConverter.class).getMaxBodySize())
				.isEqualTo(1024 * 1024));
	}

	@Test
	void whenMaxSizeIsSetThenTheConverterUsesIt() {
		this.contextRunner.withPropertyValues("scratch-buffer.request-body.max-size=3KB")
			.run((context) -> assertThat(context.getBean(ScratchBufferHttpMessageConverter.class).getMaxBodySize())
				.isEqualTo(3 * 1024));
	}

	@Test
	void whenTheUserDefinesTheConverterThenTheirsWins() {
		this.contextRunner.withUserConfiguration(UserConverterConfiguration.class)
			.run((context) -> assertThat(context).getBean(ScratchBufferHttpMessageConverter.class)
				.isSameAs(context.getBean(UserConverterConfiguration.class).converter));
	}

	@Test
	void whenReactiveWebApplicationThenNoConverterIsCreated() {
		new ReactiveWebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferHttpMessageConverter.class));
	}

	@Test
	void whenSpringWebIsMissingThenNoConverterIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(AbstractHttpMessageConverter.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ScratchBufferHttpMessageConverter.class));
	}

	@Test
	void whenScratchBufferIsDisabledThenNoConverterIsCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ScratchBufferHttpMessageConverter.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserConverterConfiguration {

		final ScratchBufferHttpMessageConverter converter = new ScratchBufferHttpMessageConverter(
				BufferManager.builder().build(), 7);

		@Bean
		ScratchBufferHttpMessageConverter userConverter() {
			return this.converter;
		}

	}

}
