package io.github.scratchbuffer.web.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * A reactive web application whose handlers use the exchange's buffer: through the
 * Reactor context, and through {@code current()} with automatic context propagation on.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ReactiveTestApplication {

	/**
	 * How streams ended, as the server saw it.
	 */
	@Bean
	BlockingQueue<String> streamEnds() {
		return new LinkedBlockingQueue<>();
	}

	@RestController
	@RequestMapping("/reactive")
	static class ReactiveController {

		private final BufferManager bufferManager;

		private final BlockingQueue<String> streamEnds;

		ReactiveController(BufferManager bufferManager, BlockingQueue<String> streamEnds) {
			this.bufferManager = bufferManager;
			this.streamEnds = streamEnds;
		}

		/**
		 * Writes the body into the exchange's buffer, found in the Reactor context, on a
		 * thread of another scheduler, and echoes what the buffer holds.
		 */
		@PostMapping("/echo")
		Mono<String> echo(@RequestBody String body) {
			return ScratchBufferWebFilter.scope(this.bufferManager).publishOn(Schedulers.parallel()).map((scope) -> {
				ScratchBuffer buffer = scope.buffer();
				if (buffer.size() != 0) {
					throw new IllegalStateException("The exchange's buffer holds another exchange's bytes");
				}
				buffer.write(body.getBytes(StandardCharsets.UTF_8));
				return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
			});
		}

		/**
		 * Uses {@code current()} before and after a thread hop: with automatic context
		 * propagation both are the exchange's buffer.
		 */
		@GetMapping("/current")
		Mono<String> current(ServerWebExchange exchange) {
			BufferScope scope = ScratchBufferWebFilter.scope(exchange);
			this.bufferManager.current().write('a');
			return Mono.delay(Duration.ofMillis(10)).map((tick) -> {
				ScratchBuffer buffer = this.bufferManager.current();
				buffer.write('b');
				String identity = (scope != null && buffer == scope.buffer()) ? "same buffer" : "another buffer";
				return identity + ": " + new String(buffer.toByteArray(), StandardCharsets.US_ASCII) + " on "
						+ Thread.currentThread().getName().replaceAll("-\\d+$", "");
			});
		}

		@GetMapping("/error")
		Mono<String> error() {
			return ScratchBufferWebFilter.scope(this.bufferManager).map((scope) -> {
				scope.buffer().write(1);
				throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT);
			});
		}

		/**
		 * An endless stream that writes to the exchange's buffer for every element; only
		 * the client's cancellation ends it.
		 */
		@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<String> stream() {
			return ScratchBufferWebFilter.scope(this.bufferManager)
				.flatMapMany((scope) -> ticksOnDemand().map((tick) -> {
					scope.buffer().write('s');
					return "tick " + tick;
				}))
				.doFinally((signal) -> this.streamEnds.add(signal.toString()));
		}

		/**
		 * Endless ticks 20 ms apart, each one when the subscriber asks for it:
		 * {@code Flux.interval} fails with an overflow when the response writer asks for
		 * the next element later than the tick is due, which a loaded CI machine did.
		 */
		private static Flux<Integer> ticksOnDemand() {
			return Flux.range(0, Integer.MAX_VALUE).delayElements(Duration.ofMillis(20));
		}

	}

}
