package io.github.scratchbuffer.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.WebAsyncTask;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A web application whose async handlers use the request's buffer on the threads that run
 * them. It declares Spring's {@link ContextPropagatingTaskDecorator}, as the README tells
 * users to, so that work the handlers submit to the application's executor carries the
 * request's scope along.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class AsyncTestApplication {

	@Bean
	@ConditionalOnBooleanProperty("test.propagate-context")
	ContextPropagatingTaskDecorator contextPropagatingTaskDecorator() {
		return new ContextPropagatingTaskDecorator();
	}

	/**
	 * What async work that outlived its request saw when it used its buffer afterwards.
	 */
	@Bean
	BlockingQueue<String> lateWorkOutcomes() {
		return new LinkedBlockingQueue<>();
	}

	@RestController
	@RequestMapping("/async")
	static class AsyncController {

		private final BufferManager bufferManager;

		private final AsyncTaskExecutor taskExecutor;

		private final BlockingQueue<String> lateWorkOutcomes;

		AsyncController(BufferManager bufferManager,
				@Qualifier("applicationTaskExecutor") AsyncTaskExecutor taskExecutor,
				BlockingQueue<String> lateWorkOutcomes) {
			this.bufferManager = bufferManager;
			this.taskExecutor = taskExecutor;
			this.lateWorkOutcomes = lateWorkOutcomes;
		}

		@GetMapping("/callable")
		Callable<String> callable() {
			ScratchBuffer handlerBuffer = writeInHandler();
			return () -> continueOnThisThread(handlerBuffer, "callable");
		}

		@GetMapping("/streaming")
		StreamingResponseBody streaming() {
			ScratchBuffer handlerBuffer = writeInHandler();
			return (out) -> out
				.write(continueOnThisThread(handlerBuffer, "streaming").getBytes(StandardCharsets.UTF_8));
		}

		@GetMapping("/completable-future")
		CompletableFuture<String> completableFuture() {
			ScratchBuffer handlerBuffer = writeInHandler();
			return CompletableFuture.supplyAsync(() -> continueOnThisThread(handlerBuffer, "future"),
					this.taskExecutor);
		}

		@GetMapping("/deferred-result")
		DeferredResult<String> deferredResult() {
			ScratchBuffer handlerBuffer = writeInHandler();
			DeferredResult<String> result = new DeferredResult<>();
			this.taskExecutor.execute(() -> result.setResult(continueOnThisThread(handlerBuffer, "deferred")));
			return result;
		}

		/**
		 * Times out while the callable still runs (Tomcat checks async timeouts once a
		 * second); the callable then uses its buffer, which the request's end released.
		 */
		@GetMapping("/callable-timeout")
		WebAsyncTask<String> callableTimeout() {
			writeInHandler();
			return new WebAsyncTask<>(100L, () -> {
				ScratchBuffer buffer = this.bufferManager.current();
				buffer.write('x');
				sleepThroughInterrupts(3000);
				useAfterRequest(buffer);
				return "too late";
			});
		}

		@GetMapping("/deferred-timeout")
		DeferredResult<String> deferredTimeout() {
			ScratchBuffer handlerBuffer = writeInHandler();
			DeferredResult<String> result = new DeferredResult<>(100L, "timed out");
			this.taskExecutor.execute(() -> {
				ScratchBuffer buffer = this.bufferManager.current();
				sleep(3000);
				useAfterRequest((buffer == handlerBuffer) ? buffer : null);
			});
			return result;
		}

		/**
		 * Streams the buffer's bytes until the client goes away; 30 s at most.
		 */
		@GetMapping("/stream-until-disconnect")
		StreamingResponseBody streamUntilDisconnect() {
			writeInHandler();
			return (out) -> {
				ScratchBuffer buffer = this.bufferManager.current();
				long deadline = System.nanoTime() + 30_000_000_000L;
				try {
					while (System.nanoTime() < deadline) {
						buffer.write(new byte[1024]);
						buffer.writeTo(out);
						out.flush();
						this.bufferManager.clear();
						sleep(10);
					}
					this.lateWorkOutcomes.add("the client stayed");
				}
				catch (IOException ex) {
					this.lateWorkOutcomes.add("the client went away");
					throw ex;
				}
			};
		}

		/**
		 * Streams 128 KiB from the request's buffer in 4 KiB chunks, 2 ms apart.
		 */
		@GetMapping("/slow-stream")
		StreamingResponseBody slowStream() {
			return (out) -> {
				ScratchBuffer buffer = this.bufferManager.current();
				for (int i = 0; i < 32; i++) {
					this.bufferManager.clear();
					buffer.write(new byte[4096]);
					buffer.writeTo(out);
					out.flush();
					sleep(2);
				}
			};
		}

		/**
		 * Never answers by itself: only its timeout ends it.
		 */
		@GetMapping("/deferred-until-timeout")
		DeferredResult<String> deferredUntilTimeout(@RequestParam long timeout) {
			writeInHandler();
			return new DeferredResult<>(timeout);
		}

		private ScratchBuffer writeInHandler() {
			ScratchBuffer buffer = this.bufferManager.current();
			buffer.write("handler;".getBytes(StandardCharsets.UTF_8));
			return buffer;
		}

		/**
		 * Runs on the thread the async work runs on: answers whether {@code current()}
		 * there is the handler's buffer, and what it holds after writing to it.
		 */
		private String continueOnThisThread(ScratchBuffer handlerBuffer, String step) {
			ScratchBuffer buffer = this.bufferManager.current();
			buffer.write((step + ";").getBytes(StandardCharsets.UTF_8));
			String identity = (buffer == handlerBuffer) ? "same buffer" : "another buffer";
			return identity + ": " + new String(buffer.toByteArray(), StandardCharsets.UTF_8);
		}

		private void useAfterRequest(ScratchBuffer buffer) {
			if (buffer == null) {
				this.lateWorkOutcomes.add("not the request's buffer");
				return;
			}
			try {
				buffer.write('y');
				this.lateWorkOutcomes.add("wrote " + buffer.size() + " byte(s) after the request ended");
			}
			catch (IllegalStateException ex) {
				this.lateWorkOutcomes.add("refused: " + ex.getMessage());
			}
		}

		/**
		 * Spring interrupts a callable that timed out; this one carries on regardless, as
		 * blocking code that ignores interrupts would.
		 */
		private static void sleepThroughInterrupts(long millis) {
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
			boolean interrupted = false;
			for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())) {
				try {
					Thread.sleep(left);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

		private static void sleep(long millis) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
