package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.web.servlet.ScratchBufferFilter;
import jakarta.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferFilterAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ScratchBufferAutoConfiguration.class, ScratchBufferFilterAutoConfiguration.class));

	@Test
	void whenServletWebApplicationThenTheFilterIsRegisteredEarlyForEveryRequest() {
		this.contextRunner.run((context) -> {
			FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
			assertThat(registration.getFilter()).isInstanceOf(ScratchBufferFilter.class);
			assertThat(registration.getOrder()).isEqualTo(ScratchBufferFilter.DEFAULT_ORDER);
			assertThat(registration.getUrlPatterns()).containsExactly("/*");
			assertThat(registration.determineDispatcherTypes()).containsExactlyInAnyOrder(DispatcherType.REQUEST,
					DispatcherType.ASYNC, DispatcherType.ERROR);
		});
	}

	@Test
	void whenOrderAndPatternsAreConfiguredThenTheRegistrationUsesThem() {
		this.contextRunner
			.withPropertyValues("scratch-buffer.filter.order=42", "scratch-buffer.filter.url-patterns=/api/*,/files/*")
			.run((context) -> {
				FilterRegistrationBean<?> registration = context.getBean(FilterRegistrationBean.class);
				assertThat(registration.getOrder()).isEqualTo(42);
				assertThat(registration.getUrlPatterns()).containsExactly("/api/*", "/files/*");
			});
	}

	@Test
	void whenFilterIsDisabledThenNoRegistrationIsCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.filter.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenStarterIsDisabledThenNoRegistrationIsCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenNotAWebApplicationThenNoRegistrationIsCreated() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ScratchBufferAutoConfiguration.class,
					ScratchBufferFilterAutoConfiguration.class))
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenSpringWebIsMissingThenNoRegistrationIsCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(OncePerRequestFilter.class))
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(FilterRegistrationBean.class));
	}

	@Test
	void whenTheUserRegistersTheFilterThenTheirRegistrationWins() {
		this.contextRunner.withUserConfiguration(UserFilterConfiguration.class)
			.run((context) -> assertThat(context).getBean(FilterRegistrationBean.class)
				.isSameAs(context.getBean("userScratchBufferFilter")));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserFilterConfiguration {

		@Bean
		FilterRegistrationBean<ScratchBufferFilter> userScratchBufferFilter(BufferManager bufferManager) {
			return new FilterRegistrationBean<>(new ScratchBufferFilter(bufferManager));
		}

	}

}
