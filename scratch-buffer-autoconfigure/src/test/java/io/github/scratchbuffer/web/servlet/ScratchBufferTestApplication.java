package io.github.scratchbuffer.web.servlet;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;

/**
 * A web application whose handlers use the request's scratch buffer in every way a
 * request can end.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ScratchBufferTestApplication {

	static final String BUFFER_ATTRIBUTE = "test.buffer";

	static final String CHECK = "check-buffer";

	/**
	 * Runs while the response body is written, in the async dispatch for async requests:
	 * answers whether {@code current()} there is the buffer the handler used.
	 */
	@ControllerAdvice
	static class BufferIdentityAdvice implements ResponseBodyAdvice<Object> {

		private final BufferManager bufferManager;

		BufferIdentityAdvice(BufferManager bufferManager) {
			this.bufferManager = bufferManager;
		}

		@Override
		public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
			return true;
		}

		@Override
		public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
				Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
				ServerHttpResponse response) {
			if (!CHECK.equals(body)) {
				return body;
			}
			Object handlerBuffer = ((ServletServerHttpRequest) request).getServletRequest()
				.getAttribute(BUFFER_ATTRIBUTE);
			ScratchBuffer current = this.bufferManager.current();
			return (current == handlerBuffer) ? "same buffer, holding " + current.size() + " byte(s)"
					: "a different buffer";
		}

	}

	@RestController
	static class BufferController {

		private final BufferManager bufferManager;

		BufferController(BufferManager bufferManager) {
			this.bufferManager = bufferManager;
		}

		/**
		 * Checks that the request starts with an empty, zeroed buffer, writes the body
		 * into it several times (so pooled requests overlap), and echoes what the buffer
		 * holds.
		 */
		@PostMapping("/echo")
		String echo(@RequestBody String body) {
			ScratchBuffer buffer = this.bufferManager.current();
			if (buffer.size() != 0 || !isZero(buffer.array())) {
				throw new IllegalStateException("The request's buffer holds another request's bytes");
			}
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 3; i++) {
				this.bufferManager.clear();
				buffer.write(bytes);
				Thread.yield();
			}
			if (this.bufferManager.current() != buffer) {
				throw new IllegalStateException("The request's buffer changed");
			}
			return new String(buffer.toByteArray(), StandardCharsets.UTF_8);
		}

		@GetMapping("/fail")
		String fail() {
			this.bufferManager.current().write(1);
			throw new IllegalStateException("handler failed");
		}

		@GetMapping("/status")
		String status() {
			this.bufferManager.current().write(1);
			throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT);
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			this.bufferManager.current().write('c');
			return () -> "callable";
		}

		@GetMapping("/deferred")
		DeferredResult<String> deferred(@RequestParam(defaultValue = "50") long delay) {
			this.bufferManager.current().write('d');
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> result.setResult("deferred"));
			return result;
		}

		/**
		 * The result is written in a later async dispatch, on another container thread;
		 * the advice below checks there that the request's buffer is still current.
		 */
		@GetMapping("/deferred-same-buffer")
		DeferredResult<String> deferredSameBuffer(HttpServletRequest request) {
			ScratchBuffer buffer = this.bufferManager.current();
			buffer.write('s');
			request.setAttribute(BUFFER_ATTRIBUTE, buffer);
			DeferredResult<String> result = new DeferredResult<>();
			CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> result.setResult(CHECK));
			return result;
		}

		@GetMapping("/deferred-timeout")
		DeferredResult<String> deferredTimeout() {
			this.bufferManager.current().write('t');
			DeferredResult<String> result = new DeferredResult<>(100L);
			result.onTimeout(() -> result.setErrorResult(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE)));
			return result;
		}

		private static boolean isZero(byte[] array) {
			for (byte b : array) {
				if (b != 0) {
					return false;
				}
			}
			return true;
		}

	}

}
