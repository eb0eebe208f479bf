package io.github.scratchbuffer.autoconfigure;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.http.RequestBodyTooLargeAdvice;
import io.github.scratchbuffer.http.codec.ScratchBufferHttpMessageWriter;
import io.github.scratchbuffer.http.codec.ScratchBufferHttpMessageReader;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchBufferCodecsAutoConfigurationTests {

	private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(ScratchBufferAutoConfiguration.class,
			ScratchBufferCodecsAutoConfiguration.class);

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(CONFIGURATIONS);

	@Test
	void whenReactiveWebApplicationThenTheCodecsAndTheAdviceAreRegistered() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ScratchBufferHttpMessageWriter.class)
			.hasSingleBean(ScratchBufferHttpMessageReader.class)
			.hasSingleBean(RequestBodyTooLargeAdvice.class)
			.hasBean("scratchBufferCodecCustomizer"));
	}

	@Test
	void whenCodecsAreCustomizedThenOursComeBeforeTheJsonCodecs() {
		this.contextRunner.run((context) -> {
			ServerCodecConfigurer configurer = ServerCodecConfigurer.create();
			context.getBean("scratchBufferCodecCustomizer", CodecCustomizer.class).customize(configurer);
			ResolvableType type = ResolvableType.forClass(io.github.scratchbuffer.ScratchBuffer.class);
			assertThat(configurer.getWriters().stream().filter((writer) -> writer.canWrite(type, MediaType.ALL)))
				.first()
				.isSameAs(context.getBean(ScratchBufferHttpMessageWriter.class));
			assertThat(configurer.getReaders().stream().filter((reader) -> reader.canRead(type, MediaType.ALL))).first()
				.isSameAs(context.getBean(ScratchBufferHttpMessageReader.class));
		});
	}

	@Test
	void whenMaxSizeIsSetThenTheReaderUsesIt() {
		this.contextRunner.withPropertyValues("scratch-buffer.request-body.max-size=2MB")
			.run((context) -> assertThat(context.getBean(ScratchBufferHttpMessageReader.class).getMaxBodySize())
				.isEqualTo(2 * 1024 * 1024));
	}

	@Test
	void whenTheUserDefinesTheWriterThenTheirsWins() {
		this.contextRunner.withUserConfiguration(UserWriterConfiguration.class)
			.run((context) -> assertThat(context).getBean(ScratchBufferHttpMessageWriter.class)
				.isSameAs(context.getBean(UserWriterConfiguration.class).writer));
	}

	@Test
	void whenServletWebApplicationThenNoCodecsAreCreated() {
		new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS)
			.run((context) -> assertThat(context).hasSingleBean(BufferManager.class)
				.doesNotHaveBean(ScratchBufferHttpMessageWriter.class));
	}

	@Test
	void whenBootsCodecSupportIsMissingThenNoCodecsAreCreated() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(CodecCustomizer.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ScratchBufferHttpMessageWriter.class)
				.doesNotHaveBean(ScratchBufferHttpMessageReader.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserWriterConfiguration {

		final ScratchBufferHttpMessageWriter writer = new ScratchBufferHttpMessageWriter(
				BufferManager.builder().build());

		@Bean
		ScratchBufferHttpMessageWriter userWriter() {
			return this.writer;
		}

	}

}
