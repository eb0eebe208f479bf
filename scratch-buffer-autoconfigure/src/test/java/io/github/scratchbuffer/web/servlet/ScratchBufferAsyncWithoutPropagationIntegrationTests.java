package io.github.scratchbuffer.web.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

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
 * Without context propagation configured: Spring MVC's own async work (a
 * {@code Callable}, a {@code StreamingResponseBody}) still shares the request's buffer,
 * while tasks the handler submits to the application's executor run in scopes of their
 * own, each released when its task ends.
 */
@SpringBootTest(classes = AsyncTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "scratch-buffer.pooling.enabled=true", "scratch-buffer.pooling.max-size=4",
				"scratch-buffer.buffer-size=1KB", "scratch-buffer.leak-detection=paranoid" })
class ScratchBufferAsyncWithoutPropagationIntegrationTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	private BufferPoolStats before;

	@BeforeEach
	void recordStatistics() throws InterruptedException {
		this.before = AwaitStatistics.quiescent(this.bufferManager);
	}

	@AfterEach
	void everyBufferCameBackOnce() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aCallableUsesTheRequestsBuffer() throws Exception {
		assertThat(get("/async/callable")).isEqualTo("same buffer: handler;callable;");
		assertBuffersUsed(1);
	}

	@Test
	void aStreamingResponseBodyUsesTheRequestsBuffer() throws Exception {
		assertThat(get("/async/streaming")).isEqualTo("same buffer: handler;streaming;");
		assertBuffersUsed(1);
	}

	@Test
	void aTaskCompletingAFutureRunsInAScopeOfItsOwn() throws Exception {
		assertThat(get("/async/completable-future")).isEqualTo("another buffer: future;");
		assertBuffersUsed(2);
	}

	@Test
	void aTaskSettingADeferredResultRunsInAScopeOfItsOwn() throws Exception {
		assertThat(get("/async/deferred-result")).isEqualTo("another buffer: deferred;");
		assertBuffersUsed(2);
	}

	private void assertBuffersUsed(int expected) throws InterruptedException {
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		assertThat(stats.acquisitions() - this.before.acquisitions()).as("buffers used: %s", stats).isEqualTo(expected);
	}

	private String get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

}
