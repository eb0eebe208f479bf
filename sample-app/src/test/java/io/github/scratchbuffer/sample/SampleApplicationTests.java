package io.github.scratchbuffer.sample;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.security.user.password=test-secret",
		"sample.max-body-size=200KB", "scratch-buffer.request-body.max-size=100KB" })
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@AfterEach
	void everyBufferCameBack() throws InterruptedException {
		BufferPoolStats stats = awaitQuiescence();
		assertThat(stats.active()).as("%s", stats).isZero();
		assertThat(stats.acquisitions()).isEqualTo(stats.hits() + stats.misses())
			.isEqualTo(stats.returned() + stats.dropped());
		assertThat(stats.leaks()).isZero();
	}

	@Test
	void reportIsRenderedAsCsv() throws Exception {
		HttpResponse<String> response = send(get("/api/report?rows=3"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		assertThat(response.body()).isEqualTo("row,square,cube\n1,1,1\n2,4,8\n3,9,27\n");
	}

	@Test
	void reportHasTheLengthOfTheBufferItWasRenderedIn() throws Exception {
		HttpResponse<String> response = send(get("/api/report?rows=1000"));
		StringBuilder expected = new StringBuilder("row,square,cube\n");
		for (long row = 1; row <= 1000; row++) {
			expected.append(row).append(',').append(row * row).append(',').append(row * row * row).append('\n');
		}
		assertThat(response.body()).isEqualTo(expected.toString());
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(expected.length());
	}

	@Test
	void jsonReportIsSerialisedIntoTheBuffer() throws Exception {
		HttpResponse<String> response = send(get("/api/report.json?rows=2"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body())
			.isEqualTo("[{\"row\":1,\"square\":1,\"cube\":1},{\"row\":2,\"square\":4,\"cube\":8}]");
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(response.body().length());
	}

	@Test
	void echoAnswersWithTheBodyItReadIntoTheBuffer() throws Exception {
		byte[] body = new byte[90_000];
		new java.util.Random(7).nextBytes(body);
		HttpResponse<byte[]> response = this.client.send(post("/api/echo", "application/octet-stream", body),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(body.length);
	}

	@Test
	void echoRefusesABodyOverTheLimitWithAProblemDetail() throws Exception {
		HttpResponse<String> response = send(post("/api/echo", "application/octet-stream", new byte[100 * 1024 + 1]));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(response.body()).contains("at most 102400 bytes").contains("scratch-buffer.request-body.max-size");
	}

	@Test
	void pingNeverAsksForABuffer() throws Exception {
		BufferPoolStats before = awaitQuiescence();
		HttpResponse<String> response = send(get("/api/ping"));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("pong");
		assertThat(awaitQuiescence().acquisitions()).isEqualTo(before.acquisitions());
	}

	@Test
	void fillRendersSixtyFourKilobytesIntoOneBuffer() throws Exception {
		BufferPoolStats before = awaitQuiescence();
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> response = send(get("/api/fill"));
			assertThat(response.statusCode()).isEqualTo(200);
			// CRC-32 of 1,024 lines of "abc…k\n" (64 bytes each).
			assertThat(response.body()).isEqualTo("ce6b8d1a");
		}
		BufferPoolStats after = awaitQuiescence();
		assertThat(after.acquisitions() - before.acquisitions()).isEqualTo(3);
		assertThat(after.usage().max()).isGreaterThanOrEqualTo(LoadController.FILL_BYTES);
	}

	@Test
	void badRowsAreAClearJsonError() throws Exception {
		for (String query : new String[] { "", "?rows=abc", "?rows=0", "?rows=100001" }) {
			HttpResponse<String> response = send(get("/api/report" + query));
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).as(query)
				.hasValueSatisfying((type) -> assertThat(type).contains("json"));
		}
		assertThat(send(get("/api/report?rows=100001")).body()).contains("'rows' must be between 1 and 100000");
	}

	@Test
	void digestStreamsTheBodyThroughTheBuffer() throws Exception {
		byte[] body = new byte[150_000];
		new java.util.Random(42).nextBytes(body);
		HttpResponse<String> response = send(post("/api/digest", "application/octet-stream", body));
		assertThat(response.statusCode()).isEqualTo(200);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		assertThat(response.body()).contains("\"digest\":\"" + expected + "\"").contains("\"bytes\":150000");
	}

	@Test
	void gzipReturnsTheCompressedBody() throws Exception {
		byte[] body = "scratch buffers all the way down\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> response = this.client.send(post("/api/gzip", "application/octet-stream", body),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body().length).isLessThan(body.length / 10);
		try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			assertThat(gunzip.readAllBytes()).isEqualTo(body);
		}
	}

	@Test
	void aBodyOverTheLimitIsRefusedWith413() throws Exception {
		HttpResponse<String> response = send(post("/api/digest", "application/octet-stream", new byte[300_000]));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("at most 204800 bytes");
	}

	@Test
	void aWrongContentTypeIsRefusedWith415() throws Exception {
		HttpResponse<String> response = send(post("/api/digest", "text/plain", new byte[10]));
		assertThat(response.statusCode()).isEqualTo(415);
	}

	@Test
	void readingThePoolIsOpenButChangingItNeedsCredentials() throws Exception {
		assertThat(send(get("/actuator/bufferpool")).statusCode()).isEqualTo(200);
		HttpRequest anonymous = HttpRequest.newBuilder(uri("/actuator/bufferpool"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"poolingEnabled\":false}"))
			.build();
		assertThat(send(anonymous).statusCode()).isEqualTo(401);
		assertThat(this.bufferManager.isPoolingEnabled()).isTrue();
		HttpRequest wrongPassword = HttpRequest.newBuilder(uri("/actuator/bufferpool"))
			.header("Authorization", basic("admin", "guess"))
			.DELETE()
			.build();
		assertThat(send(wrongPassword).statusCode()).isEqualTo(401);
		HttpRequest admin = HttpRequest.newBuilder(uri("/actuator/bufferpool"))
			.header("Authorization", basic("admin", "test-secret"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"poolingEnabled\":false}"))
			.build();
		assertThat(send(admin).statusCode()).isEqualTo(200);
		assertThat(this.bufferManager.isPoolingEnabled()).isFalse();
		this.bufferManager.setPoolingEnabled(true);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The request's scope closes when the filter chain unwinds, which can be just after
	 * the client has read the response.
	 */
	private BufferPoolStats awaitQuiescence() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		BufferPoolStats stats = this.bufferManager.stats();
		while (stats.active() != 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			stats = this.bufferManager.stats();
		}
		return stats;
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).build();
	}

	private HttpRequest post(String path, String contentType, byte[] body) {
		return HttpRequest.newBuilder(uri(path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
