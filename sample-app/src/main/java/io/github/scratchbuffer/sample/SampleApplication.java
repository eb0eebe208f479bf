package io.github.scratchbuffer.sample;

import io.github.scratchbuffer.BufferManager;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A small web service that renders its responses in scratch buffers.
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Until the starter configures one from {@code application.yml}, the application builds its
	 * own manager.
	 */
	@Bean
	BufferManager bufferManager() {
		return BufferManager.builder().name("sample").poolingEnabled(true).build();
	}

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
