package io.github.scratchbuffer.sample.faults;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicReference;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Endpoints that go wrong on purpose, for {@code scripts/soak.sh}: each one injects one
 * kind of fault, so that the soak can count what it injected and check that the pool
 * accounted for exactly that. Only with {@code --spring.profiles.active=faults}; never
 * part of the sample's normal surface.
 */
@RestController
@RequestMapping("/faults")
@Profile("faults")
class FaultInjectionController {

	private static final byte[] KILOBYTE = new byte[1024];

	private final BufferManager bufferManager;

	/** The buffer the previous {@code /faults/keep} request kept past its end. */
	private final AtomicReference<@Nullable Kept> kept = new AtomicReference<>();

	FaultInjectionController(BufferManager bufferManager) {
		this.bufferManager = bufferManager;
	}

	/** The handler throws after using its buffer: a 500. */
	@GetMapping("/throw")
	String fail() {
		this.bufferManager.current().write(KILOBYTE);
		throw new IllegalStateException("Injected failure");
	}

	/** The handler answers with an error status after using its buffer: a 503. */
	@GetMapping("/error-status")
	String errorStatus() {
		this.bufferManager.current().write(KILOBYTE);
		throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Injected error status");
	}

	/** An async request nobody completes: it times out (503), its buffer in use. */
	@GetMapping("/async-timeout")
	DeferredResult<String> asyncTimeout() {
		this.bufferManager.current().write(KILOBYTE);
		return new DeferredResult<>(50L);
	}

	/**
	 * Opens a scope and never closes it: one leak, reported and its buffer reclaimed when
	 * the request's own scope closes.
	 */
	@GetMapping("/leak")
	String leak() {
		BufferScope leaked = this.bufferManager.openScope();
		leaked.buffer().write(KILOBYTE);
		return "leaked one scope";
	}

	/**
	 * Keeps this request's buffer past the request's end, and tries to use the one the
	 * previous such request kept, once that request is over: that must be refused, since
	 * its memory may now belong to another request. A stale buffer that still works is a
	 * 500 the soak counts as a failure. (A previous request still in flight is left
	 * alone: writing into it from here would be a data race, not a use after release.)
	 */
	@GetMapping("/keep")
	String keepBufferAfterTheRequest() {
		ScratchBuffer mine = this.bufferManager.current();
		mine.write(KILOBYTE);
		BufferScope myScope = this.bufferManager.currentScope();
		Kept previous = this.kept.getAndSet((myScope != null) ? new Kept(mine, myScope) : null);
		if (previous == null || previous.scope().isOpen()) {
			return "kept";
		}
		try {
			previous.buffer().write(KILOBYTE);
		}
		catch (IllegalStateException ex) {
			return "kept; the previous request's buffer was refused";
		}
		throw new IllegalStateException("A buffer kept past its request was still usable");
	}

	/**
	 * A buffer kept past its request, with the request's scope.
	 *
	 * @param buffer the buffer
	 * @param scope the scope it belonged to
	 */
	private record Kept(ScratchBuffer buffer, BufferScope scope) {
	}

	/**
	 * Streams 128 KiB slowly from the request's buffer, for clients that disconnect
	 * mid-response.
	 */
	@GetMapping("/slow-stream")
	StreamingResponseBody slowStream() {
		return (out) -> {
			ScratchBuffer buffer = this.bufferManager.current();
			for (int i = 0; i < 32; i++) {
				buffer.clear();
				for (int k = 0; k < 4; k++) {
					buffer.write(KILOBYTE);
				}
				buffer.writeTo(out);
				out.flush();
				pause();
			}
		};
	}

	/** A full collection, then the heap in use, for the soak's before and after. */
	@PostMapping("/gc")
	long collectGarbage() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static void pause() throws IOException {
		try {
			Thread.sleep(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

}
