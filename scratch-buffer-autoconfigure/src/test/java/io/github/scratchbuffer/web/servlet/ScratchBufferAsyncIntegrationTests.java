package io.github.scratchbuffer.web.servlet;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring MVC's async handlers use the request's buffer on the threads that run them, and
 * the buffer is released once, when the async request is over: on completion, on timeout
 * and when the client goes away. Over real HTTP.
 */
@SpringBootTest(classes = AsyncTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "test.propagate-context=true", "scratch-buffer.pooling.enabled=true",
				"scratch-buffer.pooling.max-size=4", "scratch-buffer.buffer-size=1KB",
				"scratch-buffer.leak-detection=paranoid" })
class ScratchBufferAsyncIntegrationTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@Autowired
	private BlockingQueue<String> lateWorkOutcomes;

	private BufferPoolStats before;

	@BeforeEach
	void recordStatistics() throws InterruptedException {
		this.before = AwaitStatistics.quiescent(this.bufferManager);
		this.lateWorkOutcomes.clear();
	}

	@AfterEach
	void everyBufferCameBackOnce() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aCallableUsesTheRequestsBufferOnTheExecutorThread() throws Exception {
		assertThat(get("/async/callable")).isEqualTo("same buffer: handler;callable;");
		assertOneBufferForTheRequest();
	}

	@Test
	void aStreamingResponseBodyUsesTheRequestsBuffer() throws Exception {
		assertThat(get("/async/streaming")).isEqualTo("same buffer: handler;streaming;");
		assertOneBufferForTheRequest();
	}

	@Test
	void aCompletableFutureOnThePropagatingExecutorUsesTheRequestsBuffer() throws Exception {
		assertThat(get("/async/completable-future")).isEqualTo("same buffer: handler;future;");
		assertOneBufferForTheRequest();
	}

	@Test
	void aDeferredResultSetOnThePropagatingExecutorUsesTheRequestsBuffer() throws Exception {
		assertThat(get("/async/deferred-result")).isEqualTo("same buffer: handler;deferred;");
		assertOneBufferForTheRequest();
	}

	@Test
	void aCallableStillRunningAfterTheTimeoutIsRefusedTheReleasedBuffer() throws Exception {
		HttpResponse<String> response = send("/async/callable-timeout");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(this.lateWorkOutcomes.poll(10, TimeUnit.SECONDS)).startsWith("refused: ")
			.contains("used after its scope ended");
		assertOneBufferForTheRequest();
	}

	@Test
	void workForADeferredResultThatTimedOutIsRefusedTheReleasedBuffer() throws Exception {
		assertThat(get("/async/deferred-timeout")).isEqualTo("timed out");
		assertThat(this.lateWorkOutcomes.poll(10, TimeUnit.SECONDS)).startsWith("refused: ");
		assertOneBufferForTheRequest();
	}

	@Test
	void aStreamingResponseReleasesItsBufferWhenTheClientDisconnects() throws Exception {
		try (Socket socket = requestWithoutWaiting("/async/stream-until-disconnect")) {
			InputStream in = socket.getInputStream();
			assertThat(in.readNBytes(4096)).hasSize(4096);
			assertThat(this.bufferManager.stats().active()).isOne();
		}
		assertThat(this.lateWorkOutcomes.poll(10, TimeUnit.SECONDS)).isEqualTo("the client went away");
		assertOneBufferForTheRequest();
	}

	/**
	 * Clients that reset the connection at any point of a streamed response, hundreds of
	 * times: Tomcat sometimes recycles such a request without telling its async listeners
	 * that it completed, so the filter must not count on that alone.
	 */
	@Test
	void streamingResponsesWhoseClientsResetReleaseEveryBuffer() throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(16);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int c = 0; c < 16; c++) {
				SplittableRandom random = new SplittableRandom(c);
				done.add(clients.submit(() -> {
					for (int i = 0; i < 50; i++) {
						try (Socket socket = requestWithoutWaiting("/async/slow-stream")) {
							socket.getInputStream().readNBytes(1 + random.nextInt(16 * 1024));
							socket.setSoLinger(true, 0);
						}
					}
					return null;
				}));
			}
			for (Future<?> client : done) {
				client.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			clients.shutdownNow();
		}
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		assertThat(stats.active()).as("%s", stats).isZero();
	}

	/**
	 * A servlet container learns that the client of an idle async request left only when
	 * it next writes or when the request times out; the buffer is held until then, and
	 * released then.
	 */
	@Test
	void aDeferredResultWhoseClientLeftReleasesItsBufferAtTheTimeout() throws Exception {
		try (Socket socket = requestWithoutWaiting("/async/deferred-until-timeout?timeout=1000")) {
			BufferPoolStats waiting = AwaitStatistics.until(this.bufferManager, (stats) -> stats.active() == 1);
			assertThat(waiting.active()).isOne();
		}
		assertOneBufferForTheRequest();
	}

	private void assertOneBufferForTheRequest() throws InterruptedException {
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		assertThat(stats.acquisitions() - this.before.acquisitions())
			.as("the request and the work it handed on shared one buffer: %s", stats)
			.isOne();
	}

	private Socket requestWithoutWaiting(String path) throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout(10_000);
		OutputStream out = socket.getOutputStream();
		out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
		return socket;
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = send(path);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private HttpResponse<String> send(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
