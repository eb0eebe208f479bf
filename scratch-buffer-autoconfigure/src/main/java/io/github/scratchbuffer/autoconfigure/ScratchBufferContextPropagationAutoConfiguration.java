package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.context.BufferScopeThreadLocalAccessor;
import io.micrometer.context.ContextRegistry;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that registers the {@link BufferScopeThreadLocalAccessor} with
 * Micrometer's global {@link ContextRegistry} while the application runs, when
 * context-propagation is on the classpath.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = ScratchBufferAutoConfiguration.class)
@ConditionalOnClass({ ContextRegistry.class, BufferScopeThreadLocalAccessor.class })
@ConditionalOnBean(BufferManager.class)
public final class ScratchBufferContextPropagationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BufferScopeThreadLocalAccessor bufferScopeThreadLocalAccessor(BufferManager bufferManager) {
		return new BufferScopeThreadLocalAccessor(bufferManager);
	}

	@Bean
	ThreadLocalAccessorRegistration bufferScopeThreadLocalAccessorRegistration(
			BufferScopeThreadLocalAccessor accessor) {
		return new ThreadLocalAccessorRegistration(accessor);
	}

	/**
	 * Registers the accessor for the context's lifetime; the registry is global, so a
	 * closed context must not leave its manager behind.
	 */
	static final class ThreadLocalAccessorRegistration implements DisposableBean {

		private final BufferScopeThreadLocalAccessor accessor;

		ThreadLocalAccessorRegistration(BufferScopeThreadLocalAccessor accessor) {
			this.accessor = accessor;
			ContextRegistry.getInstance().registerThreadLocalAccessor(accessor);
		}

		@Override
		public void destroy() {
			ContextRegistry.getInstance().removeThreadLocalAccessor(this.accessor.key());
		}

	}

}
