package io.github.scratchbuffer.http.converter;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.TestBodies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scratch buffers as response and request bodies over real HTTP: content, headers,
 * limits, errors, concurrency, and the pool's books after every test.
 */
@SpringBootTest(classes = BodiesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "scratch-buffer.pooling.enabled=true", "scratch-buffer.pooling.max-size=4",
				"scratch-buffer.buffer-size=1KB", "scratch-buffer.max-retained-size=32KB",
				"scratch-buffer.request-body.max-size=32KB", "scratch-buffer.leak-detection=paranoid" })
@ExtendWith(OutputCaptureExtension.class)
class ScratchBufferBodiesIntegrationTests {

	private static final int MAX_BODY = 32 * 1024;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@AfterEach
	void everyBufferCameBackOnce() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aReturnedBufferIsTheBodyWithItsLengthAndOctetStreamByDefault() throws Exception {
		HttpResponse<byte[]> response = get("/text?name=W%C3%B6rld");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("Hello, W\u00f6rld!");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
	}

	@Test
	void theHandlersProducesDecidesTheContentType() throws Exception {
		HttpResponse<byte[]> response = get("/csv?rows=3");
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("n,square\n1,1\n2,4\n3,9\n");
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
	}

	@Test
	void aLargeBodyGrowsTheBufferAndKeepsItsLength() throws Exception {
		HttpResponse<byte[]> response = get("/csv?rows=5000");
		StringBuilder expected = new StringBuilder("n,square\n");
		for (int n = 1; n <= 5000; n++) {
			expected.append(n).append(',').append((long) n * n).append('\n');
		}
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(expected.length());
	}

	@Test
	void aResponseEntityKeepsItsStatusTypeAndHeaders() throws Exception {
		HttpResponse<byte[]> response = get("/entity");
		assertThat(response.statusCode()).isEqualTo(202);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(response.headers().firstValue("X-Answer")).hasValue("42");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(8);
		assertThat(new String(response.body(), StandardCharsets.US_ASCII)).isEqualTo("accepted");
	}

	@Test
	void deferredAndFutureResultsAreWrittenFromTheRequestsBuffer() throws Exception {
		assertThat(new String(get("/deferred").body(), StandardCharsets.US_ASCII)).isEqualTo("deferred");
		assertThat(new String(get("/future").body(), StandardCharsets.US_ASCII)).isEqualTo("future");
	}

	@Test
	void jacksonWritesIntoTheBufferAndTheResponseHasItsLength() throws Exception {
		HttpResponse<byte[]> response = get("/json?rows=2");
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo("[{\"id\":1,\"name\":\"r1\"},{\"id\":2,\"name\":\"r2\"}]");
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length);
	}

	@Test
	void aBufferWhoseScopeEndedIsAServerErrorAndLogged(CapturedOutput output) throws Exception {
		HttpResponse<byte[]> response = get("/released");
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("gone");
		assertThat(output).contains("used after its scope ended");
	}

	@Test
	void aRequestBodyIsReadIntoTheRequestsBufferAndEchoed() throws Exception {
		byte[] body = TestBodies.bytes(20_000, 1);
		HttpResponse<byte[]> response = post("/echo", body, false);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
	}

	@Test
	void aChunkedRequestBodyIsReadWhole() throws Exception {
		byte[] body = TestBodies.bytes(MAX_BODY, 2);
		HttpResponse<byte[]> response = post("/echo", body, true);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
	}

	@Test
	void aChunkedBodyAtTheLimitIsReadWithoutDoublingTheBuffer() throws Exception {
		long droppedBefore = AwaitStatistics.quiescent(this.bufferManager).usage().droppedTooLarge();
		byte[] body = TestBodies.bytes(MAX_BODY, 3);
		HttpResponse<byte[]> response = post("/length", body, true);
		assertThat(new String(response.body(), StandardCharsets.UTF_8))
			.isEqualTo(MAX_BODY + " " + new String(body, StandardCharsets.UTF_8).hashCode());
		// The buffer filled up to exactly 32 KiB, the largest the pool keeps: a one-byte
		// probe, not a doubling to 64 KiB, found the end, so the buffer went back.
		assertThat(AwaitStatistics.quiescent(this.bufferManager).usage().droppedTooLarge()).isEqualTo(droppedBefore);
	}

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedBeforeReadingWithAProblemDetail() throws Exception {
		HttpResponse<byte[]> response = post("/echo", TestBodies.bytes(MAX_BODY + 1, 4), false);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("\"status\":413")
			.contains("at most " + MAX_BODY + " bytes")
			.contains("its Content-Length is " + (MAX_BODY + 1));
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedWhileStreaming() throws Exception {
		HttpResponse<byte[]> response = post("/echo", TestBodies.bytes(MAX_BODY + 1, 5), true);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("more arrived");
	}

	@Test
	void concurrentRequestsNeverSeeEachOthersBytes() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> results = new ArrayList<>();
			for (int client = 0; client < 8; client++) {
				int seed = client;
				results.add(executor.submit(() -> {
					SplittableRandom random = new SplittableRandom(seed);
					for (int i = 0; i < 25; i++) {
						byte[] body = TestBodies.bytes(1 + random.nextInt(8_000), seed * 1000 + i);
						HttpResponse<byte[]> response = post("/echo", body, random.nextBoolean());
						assertThat(response.statusCode()).isEqualTo(200);
						assertThat(response.body()).as("client %d, request %d", seed, i).isEqualTo(body);
					}
					return null;
				}));
			}
			for (Future<?> result : results) {
				result.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	private HttpResponse<byte[]> get(String path) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
				BodyHandlers.ofByteArray());
	}

	private HttpResponse<byte[]> post(String path, byte[] body, boolean chunked) throws Exception {
		HttpRequest.BodyPublisher publisher = chunked
				? BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)) : BodyPublishers.ofByteArray(body);
		HttpRequest request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/octet-stream")
			.POST(publisher)
			.build();
		return this.client.send(request, BodyHandlers.ofByteArray());
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

}
