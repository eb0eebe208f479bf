package io.github.scratchbuffer.web.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 * Every request's buffer comes back when the request ends, however it ends, over real
 * HTTP.
 */
@SpringBootTest(classes = ScratchBufferTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "scratch-buffer.pooling.enabled=true", "scratch-buffer.pooling.max-size=4",
				"scratch-buffer.buffer-size=1KB", "scratch-buffer.max-retained-size=4KB",
				"scratch-buffer.leak-detection=paranoid" })
class ScratchBufferFilterIntegrationTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	private BufferPoolStats before;

	@BeforeEach
	void recordStatistics() {
		this.before = this.bufferManager.stats();
	}

	@AfterEach
	void everyBufferCameBack() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aSuccessfulRequestUsesItsBufferAndReleasesIt() throws Exception {
		HttpResponse<String> response = send(post("/echo", "hello"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(AwaitStatistics.quiescent(this.bufferManager).acquisitions() - this.before.acquisitions()).isOne();
	}

	@Test
	void aRequestWhoseHandlerThrowsReleasesItsBuffer() throws Exception {
		assertThat(send(get("/fail")).statusCode()).isEqualTo(500);
		assertThat(AwaitStatistics.quiescent(this.bufferManager).acquisitions())
			.isGreaterThan(this.before.acquisitions());
	}

	@Test
	void aRequestAnsweredWithAnErrorStatusReleasesItsBuffer() throws Exception {
		assertThat(send(get("/status")).statusCode()).isEqualTo(418);
		assertThat(AwaitStatistics.quiescent(this.bufferManager).acquisitions())
			.isGreaterThan(this.before.acquisitions());
	}

	@Test
	void aCallableRequestReleasesItsBufferWhenTheAsyncProcessingCompletes() throws Exception {
		HttpResponse<String> response = send(get("/callable"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("callable");
	}

	@Test
	void aDeferredRequestKeepsItsBufferUntilTheResultIsSet() throws Exception {
		CompletableFuture<HttpResponse<String>> pending = this.client.sendAsync(get("/deferred?delay=1000"),
				HttpResponse.BodyHandlers.ofString());
		BufferPoolStats during = AwaitStatistics.until(this.bufferManager, (stats) -> stats.active() == 1);
		assertThat(during.active()).as("the scope stays open while the request waits: %s", during).isOne();
		HttpResponse<String> response = pending.get(10, TimeUnit.SECONDS);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("deferred");
	}

	@Test
	void theAsyncDispatchThatWritesADeferredResultSeesTheRequestsBuffer() throws Exception {
		HttpResponse<String> response = send(get("/deferred-same-buffer"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("same buffer, holding 1 byte(s)");
	}

	@Test
	void aDeferredRequestThatTimesOutReleasesItsBuffer() throws Exception {
		assertThat(send(get("/deferred-timeout")).statusCode()).isEqualTo(503);
	}

	@Test
	void concurrentRequestsNeverSeeEachOthersBytesAndLoseNoBuffer() throws Exception {
		List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			String body = ("request-" + i + "-").repeat(1 + (i % 40));
			responses.add(this.client.sendAsync(post("/echo", body), HttpResponse.BodyHandlers.ofString())
				.thenApply((response) -> {
					assertThat(response.statusCode()).isEqualTo(200);
					assertThat(response.body()).isEqualTo(body);
					return response;
				}));
		}
		CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).get(1, TimeUnit.MINUTES);
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		assertThat(stats.acquisitions() - this.before.acquisitions()).isEqualTo(200);
		assertThat(stats.idle()).isLessThanOrEqualTo(4);
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build();
	}

	private HttpRequest post(String path, String body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
