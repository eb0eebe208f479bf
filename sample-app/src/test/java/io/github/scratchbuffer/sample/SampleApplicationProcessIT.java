package io.github.scratchbuffer.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPInputStream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged sample app, started with {@code java -jar} as users run it, driven over HTTP by
 * many concurrent clients mixing every endpoint with bad input, then checked through its own
 * {@code /actuator/bufferpool} and {@code /actuator/prometheus}.
 */
class SampleApplicationProcessIT {

	private static final int CLIENTS = 16;

	private static final int REQUESTS_PER_CLIENT = 150;

	private static final String PASSWORD = UUID.randomUUID().toString();

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Process process;

	private static int port;

	private static Path log;

	@BeforeAll
	static void startTheJar() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app.jar"));
		assertThat(jar).as("the packaged sample app (run through 'mvn verify')").exists();
		port = freePort();
		log = Files.createTempFile("sample-app-it", ".log");
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-jar", jar.toString(),
				"--server.port=" + port, "--sample.max-body-size=512KB", "--scratch-buffer.pooling.max-size=8")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		// The password reaches the process through its environment, as the README documents.
		builder.environment().put("SPRING_SECURITY_USER_PASSWORD", PASSWORD);
		process = builder.start();
		awaitHealthy();
	}

	@AfterAll
	static void stopTheJar() throws Exception {
		if (process == null) {
			return;
		}
		ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
		handle.destroy();
		if (!process.waitFor(30, TimeUnit.SECONDS)) {
			handle.destroyForcibly();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void underConcurrentMixedLoadEveryAnswerIsRightAndEveryBufferComesBack() throws Exception {
		// counts of: digests, gzips, reports, bad requests (4xx as expected)
		AtomicLongArray done = new AtomicLongArray(4);
		ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < CLIENTS; c++) {
				long seed = c;
				futures.add(clients.submit(() -> {
					SplittableRandom random = new SplittableRandom(seed);
					for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
						int kind = random.nextInt(4);
						switch (kind) {
							case 0 -> checkDigest(random);
							case 1 -> checkGzip(random);
							case 2 -> checkReport(random);
							default -> checkBadInput(random);
						}
						done.incrementAndGet(kind);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(5, TimeUnit.MINUTES);
			}
		}
		finally {
			clients.shutdownNow();
		}
		for (int kind = 0; kind < 4; kind++) {
			assertThat(done.get(kind)).as("requests of kind %d", kind).isPositive();
		}

		String stats = awaitQuiescentPool();
		assertThat(((Number) JsonPath.read(stats, "$.active")).longValue()).as(stats).isZero();
		long acquisitions = ((Number) JsonPath.read(stats, "$.acquisitions")).longValue();
		long hits = ((Number) JsonPath.read(stats, "$.hits")).longValue();
		long misses = ((Number) JsonPath.read(stats, "$.misses")).longValue();
		long returned = ((Number) JsonPath.read(stats, "$.returned")).longValue();
		long dropped = ((Number) JsonPath.read(stats, "$.dropped")).longValue();
		assertThat(acquisitions).as(stats).isEqualTo(hits + misses).isEqualTo(returned + dropped);
		assertThat(acquisitions).as("good requests each used a buffer: %s", stats)
			.isGreaterThanOrEqualTo(done.get(0) + done.get(1) + done.get(2));
		assertThat(hits).as("the pool served most requests: %s", stats).isGreaterThan(acquisitions / 2);
		assertThat(((Number) JsonPath.read(stats, "$.leaks")).longValue()).isZero();
		assertThat(((Number) JsonPath.read(stats, "$.idle")).intValue()).isBetween(1, 8);
		System.out.println("/actuator/bufferpool after " + CLIENTS * REQUESTS_PER_CLIENT + " requests: " + stats);

		HttpResponse<String> prometheus = send(get("/actuator/prometheus"));
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("bufferpool_buffers_active_buffers{name=\"sample\"} 0.0")
			.contains("bufferpool_acquisitions_buffers_total{name=\"sample\",result=\"hit\"}")
			.contains("bufferpool_releases_buffers_total{name=\"sample\",result=\"returned\"}")
			.contains("bufferpool_memory_retained_bytes{name=\"sample\"}")
			.contains("bufferpool_leaks_total{name=\"sample\"} 0.0");
	}

	@Test
	void changingThePoolNeedsTheConfiguredCredentials() throws Exception {
		HttpRequest anonymous = json("/actuator/bufferpool", "{\"poolingEnabled\":false}", null);
		assertThat(send(anonymous).statusCode()).isEqualTo(401);
		assertThat((Boolean) JsonPath.read(send(get("/actuator/bufferpool")).body(), "$.poolingEnabled")).isTrue();
		HttpResponse<String> off = send(json("/actuator/bufferpool", "{\"poolingEnabled\":false}", PASSWORD));
		assertThat(off.statusCode()).isEqualTo(200);
		assertThat((Boolean) JsonPath.read(off.body(), "$.poolingEnabled")).isFalse();
		HttpResponse<String> on = send(json("/actuator/bufferpool", "{\"poolingEnabled\":true}", PASSWORD));
		assertThat((Boolean) JsonPath.read(on.body(), "$.poolingEnabled")).isTrue();
	}

	private static void checkDigest(SplittableRandom random) throws Exception {
		byte[] body = randomBytes(random, random.nextInt(0, 300_000));
		HttpResponse<String> response = send(octets("/api/digest", body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		assertThat((String) JsonPath.read(response.body(), "$.digest")).isEqualTo(expected);
		assertThat(((Number) JsonPath.read(response.body(), "$.bytes")).longValue()).isEqualTo(body.length);
	}

	private static void checkGzip(SplittableRandom random) throws Exception {
		byte[] body = ("line " + random.nextInt() + " of a compressible body\n").repeat(random.nextInt(1, 3000))
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> response = client.send(octets("/api/gzip", body), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			assertThat(gunzip.readAllBytes()).isEqualTo(body);
		}
	}

	private static void checkReport(SplittableRandom random) throws Exception {
		int rows = random.nextInt(1, 2000);
		HttpResponse<String> response = send(get("/api/report?rows=" + rows));
		assertThat(response.statusCode()).isEqualTo(200);
		String[] lines = response.body().split("\n");
		assertThat(lines).hasSize(rows + 1);
		long last = rows;
		assertThat(lines[rows]).isEqualTo(last + "," + last * last + "," + last * last * last);
	}

	private static void checkBadInput(SplittableRandom random) throws Exception {
		HttpResponse<String> response;
		int expected;
		switch (random.nextInt(5)) {
			case 0 -> {
				response = send(get("/api/report"));
				expected = 400;
			}
			case 1 -> {
				response = send(get("/api/report?rows=many"));
				expected = 400;
			}
			case 2 -> {
				response = send(get("/api/report?rows=-" + random.nextInt(1, 100)));
				expected = 400;
			}
			case 3 -> {
				response = send(octets("/api/digest", new byte[600_000]));
				expected = 413;
			}
			default -> {
				response = send(HttpRequest.newBuilder(uri("/api/gzip"))
					.header("Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString("not octets"))
					.build());
				expected = 415;
			}
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).contains("json"));
	}

	private static byte[] randomBytes(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

	private static String awaitQuiescentPool() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		String stats = send(get("/actuator/bufferpool")).body();
		while (((Number) JsonPath.read(stats, "$.active")).longValue() != 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			stats = send(get("/actuator/bufferpool")).body();
		}
		return stats;
	}

	private static void awaitHealthy() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as("the sample app exited early; its log: %s", log).isTrue();
			try {
				HttpResponse<String> health = send(get("/actuator/health"));
				if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new AssertionError("The sample app did not become healthy in time; its log: " + log);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build();
	}

	private static HttpRequest octets(String path, byte[] body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private static HttpRequest json(String path, String body, String password) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (password != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return request.build();
	}

	private static URI uri(String path) {
		return URI.create("http://localhost:" + port + path);
	}

	private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
