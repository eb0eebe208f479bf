package io.github.scratchbuffer.autoconfigure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferManagerSettings;
import io.github.scratchbuffer.LeakDetection;
import io.github.scratchbuffer.task.ScratchBufferTaskDecorator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.TaskDecorator;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ScratchBufferAutoConfiguration.class));

	@Test
	void whenNothingIsConfiguredThenTheManagerHasTheDocumentedDefaults() {
		this.contextRunner.run((context) -> assertThat(context.getBean(BufferManager.class).settings()).isEqualTo(
				new BufferManagerSettings("default", 64 * 1024, 1024 * 1024, false, 64, true, LeakDetection.SAMPLED)));
	}

	@Test
	void whenPropertiesAreSetThenTheManagerIsBuiltFromThem() {
		this.contextRunner
			.withPropertyValues("scratch-buffer.name=orders", "scratch-buffer.buffer-size=16KB",
					"scratch-buffer.max-retained-size=2MB", "scratch-buffer.zero-on-release=false",
					"scratch-buffer.leak-detection=paranoid", "scratch-buffer.pooling.enabled=true",
					"scratch-buffer.pooling.max-size=7")
			.run((context) -> assertThat(context.getBean(BufferManager.class).settings())
				.isEqualTo(new BufferManagerSettings("orders", 16 * 1024, 2 * 1024 * 1024, true, 7, false,
						LeakDetection.PARANOID)));
	}

	@Test
	void whenTheUserDefinesAManagerThenItIsUsed() {
		this.contextRunner.withUserConfiguration(UserManagerConfiguration.class)
			.run((context) -> assertThat(context).getBean(BufferManager.class)
				.isSameAs(context.getBean(UserManagerConfiguration.class).manager));
	}

	@Test
	void whenDisabledThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("scratch-buffer.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferTaskDecorator.class)
				.doesNotHaveBean(ScratchBufferProperties.class));
	}

	@Test
	void whenTheTaskDecoratorIsDisabledThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("scratch-buffer.task-decorator.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferTaskDecorator.class));
	}

	@Test
	void whenTasksRunOnTheApplicationTaskExecutorThenEachHasAScopeAndTheUsersDecoratorStillApplies() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(UserTaskDecoratorConfiguration.class)
			.withPropertyValues("scratch-buffer.pooling.enabled=true")
			.run((context) -> {
				BufferManager manager = context.getBean(BufferManager.class);
				AsyncTaskExecutor executor = context.getBean("applicationTaskExecutor", AsyncTaskExecutor.class);
				CompletableFuture<Long> active = executor.submitCompletable(() -> {
					manager.current().write(1);
					return manager.stats().active();
				});
				assertThat(active.get(10, TimeUnit.SECONDS)).isOne();
				assertThat(context.getBean(UserTaskDecoratorConfiguration.class).decorated).isTrue();
				assertThat(manager.stats().unscoped()).isZero();
				// The future completes inside the task, just before its scope closes.
				assertThat(AwaitStatistics.until(manager, (stats) -> stats.returned() > 0).returned()).isOne();
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserManagerConfiguration {

		final BufferManager manager = BufferManager.builder().name("user").build();

		@Bean
		BufferManager userBufferManager() {
			return this.manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTaskDecoratorConfiguration {

		final AtomicBoolean decorated = new AtomicBoolean();

		@Bean
		TaskDecorator userTaskDecorator() {
			return (runnable) -> () -> {
				this.decorated.set(true);
				runnable.run();
			};
		}

	}

}
