package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.web.servlet.ScratchBufferFilter;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingFilterBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import org.springframework.context.annotation.Bean;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Auto-configuration of the {@link ScratchBufferFilter} in a servlet web application.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass({ OncePerRequestFilter.class, FilterRegistrationBean.class })
@ConditionalOnBean(BufferManager.class)
@ConditionalOnSwitch("scratch-buffer.filter.enabled")
public final class ScratchBufferFilterAutoConfiguration {

	@Bean
	@ConditionalOnMissingFilterBean(ScratchBufferFilter.class)
	FilterRegistrationBean<ScratchBufferFilter> scratchBufferFilter(BufferManager bufferManager,
			ScratchBufferProperties properties) {
		ScratchBufferProperties.Filter filter = properties.getFilter();
		FilterRegistrationBean<ScratchBufferFilter> registration = new FilterRegistrationBean<>(
				new ScratchBufferFilter(bufferManager));
		registration.setOrder(filter.getOrder());
		registration.setUrlPatterns(filter.getUrlPatterns());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
		return registration;
	}

}
