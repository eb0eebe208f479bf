package io.github.scratchbuffer.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A small web service that does its per-request byte work in scratch buffers. The starter
 * configures the {@code BufferManager} from {@code application.yml} and gives every
 * request a scope; the handlers only ever call {@code bufferManager.current()}.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleProperties.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
