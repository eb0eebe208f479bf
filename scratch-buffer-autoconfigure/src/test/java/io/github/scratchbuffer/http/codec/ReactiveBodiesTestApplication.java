package io.github.scratchbuffer.http.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import io.github.scratchbuffer.web.reactive.ScratchBufferWebFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A reactive web application whose handlers answer with the exchange's scratch buffer and
 * take the request body in it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ReactiveBodiesTestApplication {

	@RestController
	static class ReactiveBodiesController {

		private final BufferManager bufferManager;

		ReactiveBodiesController(BufferManager bufferManager) {
			this.bufferManager = bufferManager;
		}

		@GetMapping("/greeting")
		Mono<ScratchBuffer> greeting(@RequestParam String name) {
			return ScratchBufferWebFilter.scope(this.bufferManager)
				.publishOn(Schedulers.parallel())
				.map((scope) -> scope.buffer().writeUtf8("Hello, ").writeUtf8(name).write('!'));
		}

		@GetMapping(path = "/numbers", produces = "text/plain")
		Mono<ScratchBuffer> numbers(@RequestParam int count) {
			return ScratchBufferWebFilter.scope(this.bufferManager).map((scope) -> {
				ScratchBuffer buffer = scope.buffer();
				for (int i = 0; i < count; i++) {
					buffer.writeDecimal(i).write('\n');
				}
				return buffer;
			});
		}

		/**
		 * Never answers: the client gives up, and the exchange's buffer must come back.
		 */
		@GetMapping("/never")
		Mono<ScratchBuffer> never() {
			return ScratchBufferWebFilter.scope(this.bufferManager)
				.map(BufferScope::buffer)
				.delayElement(Duration.ofMinutes(5));
		}

		@GetMapping("/released")
		Mono<ScratchBuffer> released() {
			return Mono.fromSupplier(() -> {
				try (BufferScope scope = this.bufferManager.openScope()) {
					return scope.buffer().writeAscii("gone");
				}
			});
		}

		@PostMapping("/echo")
		Mono<ScratchBuffer> echo(@RequestBody ScratchBuffer body) {
			return ScratchBufferWebFilter.scope(this.bufferManager).map((scope) -> {
				if (scope.buffer() != body) {
					throw new IllegalStateException("The body is not in the exchange's buffer");
				}
				return body;
			});
		}

		@PostMapping(path = "/text", produces = "text/plain")
		String text(@RequestBody ScratchBuffer body) {
			return body.toString(StandardCharsets.UTF_8).toUpperCase();
		}

	}

}
