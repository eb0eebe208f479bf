package io.github.scratchbuffer.web.servlet;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 requests to a server on virtual threads, thousands of them in flight at once,
 * each holding its buffer while it blocks: every request gets a clean buffer of its own,
 * every buffer comes back once, the memory held stays bounded by the pool's limits, and
 * no carrier thread is pinned in this library's code. Writes its figures to
 * {@code target/virtual-threads-report.txt}. JDK 21+ (CI runs it on JDK 25).
 * <p>
 * In flight: at most 4,000 requests, because client and server share this process's
 * 20,000 file descriptors here (two sockets per request); the core's
 * {@code VirtualThreadTests} runs 10,000 scopes on 10,000 virtual threads at once.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(classes = VirtualThreadTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.threads.virtual.enabled=true", "server.tomcat.max-connections=10000",
				"server.tomcat.accept-count=4096", "scratch-buffer.pooling.enabled=true",
				"scratch-buffer.pooling.max-size=" + VirtualThreadRequestsIntegrationTests.MAX_POOL_SIZE,
				"scratch-buffer.buffer-size=16KB",
				"scratch-buffer.max-retained-size=" + VirtualThreadRequestsIntegrationTests.MAX_RETAINED_KB + "KB" })
class VirtualThreadRequestsIntegrationTests {

	static final int MAX_POOL_SIZE = 64;

	static final int MAX_RETAINED_KB = 16;

	private static final int REQUESTS = 10_000;

	private static final int IN_FLIGHT = 4_000;

	private static final int WARM_UP = 500;

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@Autowired
	private AtomicLong sampledActive;

	@Autowired
	private Queue<WeakReference<byte[]>> usedArrays;

	@Test
	void tenThousandRequestsOnVirtualThreadsHoldBoundedMemory() throws Exception {
		// First uses load and link classes, which pins carriers whoever does it.
		sendAll(WARM_UP, IN_FLIGHT, new ConcurrentHashMap<>());
		BufferPoolStats before = AwaitStatistics.quiescent(this.bufferManager);
		this.sampledActive.set(0);
		this.usedArrays.clear();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		memory.gc();
		long heapBefore = memory.getHeapMemoryUsage().getUsed();
		AtomicInteger pinnedHere = new AtomicInteger();
		AtomicInteger pinnedElsewhere = new AtomicInteger();
		Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		long started = System.nanoTime();
		try (RecordingStream pinning = new RecordingStream()) {
			pinning.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
			pinning.onEvent("jdk.VirtualThreadPinned",
					(event) -> (pinnedInThisLibrary(event.getStackTrace()) ? pinnedHere : pinnedElsewhere)
						.incrementAndGet());
			pinning.startAsync();
			sendAll(REQUESTS, IN_FLIGHT, answers);
			Thread.sleep(2000);
		}
		long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		memory.gc();
		long heapAfter = memory.getHeapMemoryUsage().getUsed();
		// A pooled array serves many requests: count each one once.
		Set<byte[]> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
		this.usedArrays.stream().map(WeakReference::get).filter(Objects::nonNull).forEach(reachable::add);
		long reachableArrays = reachable.size();
		String report = String.format(
				"%,d requests on virtual threads, at most %,d in flight, in %,d ms: answers %s%n"
						+ "peak active buffers %,d (sampled by the requests %,d); hits %,d, misses %,d, dropped %,d%n"
						+ "retained %,d bytes in %d idle buffers (limit %d x %d KB)%n"
						+ "distinct arrays still reachable after GC: %d (%,d uses recorded)%n"
						+ "heap after GC: before %,d MB, after %,d MB (the server's and client's state for %,d "
						+ "connections; of this library's arrays, only those above)%n"
						+ "jdk.VirtualThreadPinned: %d in scratch-buffer code, %d elsewhere%n",
				REQUESTS, IN_FLIGHT, elapsedMillis, answers, stats.peakActive(), this.sampledActive.get(),
				stats.hits() - before.hits(), stats.misses() - before.misses(), stats.dropped() - before.dropped(),
				stats.retainedBytes(), stats.idle(), MAX_POOL_SIZE, MAX_RETAINED_KB, reachableArrays,
				this.usedArrays.size(), heapBefore >> 20, heapAfter >> 20, IN_FLIGHT, pinnedHere.get(),
				pinnedElsewhere.get());
		System.out.print(report);
		writeReport(report);
		assertThat(answers).as("every request answered 200 from a virtual thread")
			.containsOnlyKeys("200 virtual")
			.extractingByKey("200 virtual")
			.hasToString(String.valueOf(REQUESTS));
		assertThat(stats.active()).isZero();
		assertThat(stats.acquisitions() - before.acquisitions()).isEqualTo(REQUESTS);
		assertThat(stats.acquisitions()).isEqualTo(stats.returned() + stats.dropped())
			.isEqualTo(stats.hits() + stats.misses());
		assertThat(stats.leaks()).isZero();
		assertThat(stats.unscoped()).as("no per-thread buffers").isZero();
		assertThat(stats.peakActive()).isLessThanOrEqualTo(IN_FLIGHT);
		assertThat(stats.idle()).isLessThanOrEqualTo(MAX_POOL_SIZE);
		assertThat(stats.retainedBytes()).isLessThanOrEqualTo((long) MAX_POOL_SIZE * MAX_RETAINED_KB * 1024);
		assertThat(pinnedHere).as("carrier threads pinned in scratch-buffer code").hasValue(0);
		assertThat(this.usedArrays).hasSize(REQUESTS);
		assertThat(reachableArrays).as("buffers left behind beyond the pool's idle ones")
			.isLessThanOrEqualTo(stats.idle());
	}

	private void sendAll(int requests, int maxInFlight, Map<String, AtomicInteger> answers) throws Exception {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/blocking"))
			.timeout(Duration.ofMinutes(1))
			.build();
		Semaphore inFlight = new Semaphore(maxInFlight);
		List<CompletableFuture<?>> responses = new ArrayList<>(requests);
		for (int i = 0; i < requests; i++) {
			inFlight.acquire();
			responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
				.handle((response, failure) -> (failure != null) ? failure.getClass().getSimpleName()
						: response.statusCode() + " " + response.body())
				.thenAccept((answer) -> answers.computeIfAbsent(answer, (key) -> new AtomicInteger()).incrementAndGet())
				.whenComplete((done, failure) -> inFlight.release()));
		}
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
		// Close the client's thousands of idle connections (JDK 21 API, reached
		// reflectively), so that the server's side of them goes too.
		HttpClient.class.getMethod("close").invoke(client);
	}

	/**
	 * Whether the innermost frame outside the JDK, where the pinning operation was
	 * called, is this library's (the filter is on every request's stack, so any frame
	 * would not do).
	 */
	private static boolean pinnedInThisLibrary(RecordedStackTrace stackTrace) {
		if (stackTrace == null) {
			return false;
		}
		for (RecordedFrame frame : stackTrace.getFrames()) {
			String type = frame.getMethod().getType().getName();
			if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
				return type.startsWith("io.github.scratchbuffer.") && !type.contains("TestApplication");
			}
		}
		return false;
	}

	private static void writeReport(String report) throws IOException {
		Path target = Path.of("target");
		if (Files.isDirectory(target)) {
			Files.writeString(target.resolve("virtual-threads-report.txt"), report, StandardCharsets.UTF_8);
		}
	}

}
