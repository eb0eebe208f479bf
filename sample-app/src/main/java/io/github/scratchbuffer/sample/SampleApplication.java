package io.github.scratchbuffer.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small web service that renders its responses in scratch buffers. The starter configures the
 * {@code BufferManager} from {@code application.yml} and gives every request a scope.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
