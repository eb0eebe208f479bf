package io.github.scratchbuffer.web.servlet;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.ScratchBuffer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application whose requests fill 8 KiB of scratch and then block, the way a
 * request waiting on a database or another service does, so that many requests hold their
 * buffers at once. Meant to run with {@code spring.threads.virtual.enabled=true}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class VirtualThreadTestApplication {

	static final int WRITTEN = 8 * 1024;

	/**
	 * The most buffers seen in use at once, sampled by the requests themselves.
	 */
	@Bean
	AtomicLong sampledActive() {
		return new AtomicLong();
	}

	/**
	 * A weak reference to every array a request's buffer used: after the run, only the
	 * pool's idle buffers may still be reachable.
	 */
	@Bean
	Queue<WeakReference<byte[]>> usedArrays() {
		return new ConcurrentLinkedQueue<>();
	}

	@RestController
	static class BlockingController {

		private final BufferManager bufferManager;

		private final AtomicLong sampledActive;

		private final Queue<WeakReference<byte[]>> usedArrays;

		BlockingController(BufferManager bufferManager, AtomicLong sampledActive,
				Queue<WeakReference<byte[]>> usedArrays) {
			this.bufferManager = bufferManager;
			this.sampledActive = sampledActive;
			this.usedArrays = usedArrays;
		}

		@GetMapping("/blocking")
		String blocking() throws Exception {
			ScratchBuffer buffer = this.bufferManager.current();
			byte token = (byte) ThreadLocalRandom.current().nextInt(1, 128);
			byte[] bytes = new byte[WRITTEN];
			Arrays.fill(bytes, token);
			buffer.write(bytes);
			this.usedArrays.add(new WeakReference<>(buffer.array()));
			this.sampledActive.accumulateAndGet(this.bufferManager.stats().active(), Math::max);
			Thread.sleep(ThreadLocalRandom.current().nextInt(20, 100));
			if (this.bufferManager.current() != buffer || !Arrays.equals(buffer.toByteArray(), bytes)) {
				throw new IllegalStateException("The request's buffer changed or holds another request's bytes");
			}
			return isVirtual(Thread.currentThread()) ? "virtual" : "platform";
		}

		/**
		 * {@code Thread.isVirtual()} is JDK 21 API and the build targets 17.
		 */
		private static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
			return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
		}

	}

}
