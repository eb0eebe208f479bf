package io.github.scratchbuffer.http.converter;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * A web application whose handlers return the request's scratch buffer as the response
 * body and take the request body in it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class BodiesTestApplication {

	@RestController
	static class BodiesController {

		private final BufferManager bufferManager;

		private final JsonMapper jsonMapper;

		BodiesController(BufferManager bufferManager, JsonMapper jsonMapper) {
			this.bufferManager = bufferManager;
			this.jsonMapper = jsonMapper;
		}

		@GetMapping("/text")
		ScratchBuffer text(@RequestParam String name) {
			return this.bufferManager.current().writeUtf8("Hello, ").writeUtf8(name).write('!');
		}

		@GetMapping(path = "/csv", produces = "text/csv")
		ScratchBuffer csv(@RequestParam int rows) {
			ScratchBuffer buffer = this.bufferManager.current().writeAscii("n,square\n");
			for (int n = 1; n <= rows; n++) {
				buffer.writeDecimal(n).write(',').writeDecimal((long) n * n).write('\n');
			}
			return buffer;
		}

		@GetMapping("/entity")
		ResponseEntity<ScratchBuffer> entity() {
			return ResponseEntity.accepted()
				.contentType(MediaType.TEXT_PLAIN)
				.header("X-Answer", "42")
				.body(this.bufferManager.current().writeAscii("accepted"));
		}

		@GetMapping("/deferred")
		DeferredResult<ScratchBuffer> deferred() {
			ScratchBuffer buffer = this.bufferManager.current().writeAscii("deferred");
			DeferredResult<ScratchBuffer> result = new DeferredResult<>(10_000L);
			CompletableFuture.runAsync(() -> result.setResult(buffer));
			return result;
		}

		@GetMapping("/future")
		CompletableFuture<ScratchBuffer> future() {
			ScratchBuffer buffer = this.bufferManager.current();
			return CompletableFuture.supplyAsync(() -> "future").thenApply(buffer::writeAscii);
		}

		@GetMapping(path = "/json", produces = MediaType.APPLICATION_JSON_VALUE)
		ScratchBuffer json(@RequestParam int rows) {
			ScratchBuffer buffer = this.bufferManager.current();
			List<Row> report = java.util.stream.IntStream.rangeClosed(1, rows)
				.mapToObj((n) -> new Row(n, "r" + n))
				.toList();
			this.jsonMapper.writeValue(buffer.outputStream(), report);
			return buffer;
		}

		/**
		 * Returns a buffer whose scope has already ended: must be a server error, never
		 * another scope's bytes.
		 */
		@GetMapping("/released")
		ScratchBuffer released() {
			try (BufferScope scope = this.bufferManager.openScope()) {
				return scope.buffer().writeAscii("gone");
			}
		}

		/** Echoes the body without copying it: it was read into the buffer returned. */
		@PostMapping("/echo")
		ScratchBuffer echo(@RequestBody ScratchBuffer body) {
			if (body != this.bufferManager.current()) {
				throw new IllegalStateException("The body is not in the request's buffer");
			}
			return body;
		}

		@PostMapping(path = "/length", produces = MediaType.TEXT_PLAIN_VALUE)
		String length(@RequestBody ScratchBuffer body) {
			return body.size() + " " + body.toString(StandardCharsets.UTF_8).hashCode();
		}

	}

	record Row(int id, String name) {
	}

}
