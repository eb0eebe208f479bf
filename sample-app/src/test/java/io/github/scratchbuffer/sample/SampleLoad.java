package io.github.scratchbuffer.sample;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.GZIPInputStream;

import com.jayway.jsonpath.JsonPath;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives a running sample app over HTTP the way its users do: concurrent clients mixing
 * every endpoint with bad input, each answer checked, then the pool checked through the
 * actuator.
 */
final class SampleLoad {

	static final int DIGEST = 0;

	static final int GZIP = 1;

	static final int REPORT = 2;

	static final int BAD_INPUT = 3;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	private final long maxBodySize;

	SampleLoad(URI base, long maxBodySize) {
		this.base = base;
		this.maxBodySize = maxBodySize;
	}

	URI base() {
		return this.base;
	}

	/**
	 * Runs the load and checks every answer.
	 * @return how many requests of each kind were sent
	 */
	AtomicLongArray run(int clients, int requestsPerClient) throws Exception {
		AtomicLongArray done = new AtomicLongArray(4);
		ExecutorService executor = Executors.newFixedThreadPool(clients);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < clients; c++) {
				long seed = c;
				futures.add(executor.submit(() -> {
					SplittableRandom random = new SplittableRandom(seed);
					for (int i = 0; i < requestsPerClient; i++) {
						int kind = random.nextInt(4);
						switch (kind) {
							case DIGEST -> checkDigest(random);
							case GZIP -> checkGzip(random);
							case REPORT -> checkReport(random);
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
			executor.shutdownNow();
		}
		return done;
	}

	/**
	 * Runs the load, checks that every kind of request was sent, then waits for every
	 * request's scope to close and checks the pool's accounting.
	 * @return the endpoint's JSON afterwards
	 */
	String runAndAssertEveryBufferCameBack(int clients, int requestsPerClient) throws Exception {
		AtomicLongArray done = run(clients, requestsPerClient);
		for (int kind = 0; kind < done.length(); kind++) {
			assertThat(done.get(kind)).as("requests of kind %d", kind).isPositive();
		}
		return assertEveryBufferCameBack(done.get(DIGEST) + done.get(GZIP) + done.get(REPORT));
	}

	/**
	 * Waits for every request's scope to close, then checks the pool's accounting.
	 * @return the endpoint's JSON
	 */
	String assertEveryBufferCameBack(long goodRequests) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		String stats = send(get("/actuator/bufferpool")).body();
		while (number(stats, "$.active") != 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			stats = send(get("/actuator/bufferpool")).body();
		}
		assertThat(number(stats, "$.active")).as(stats).isZero();
		long acquisitions = number(stats, "$.acquisitions");
		assertThat(acquisitions).as(stats)
			.isEqualTo(number(stats, "$.hits") + number(stats, "$.misses"))
			.isEqualTo(number(stats, "$.returned") + number(stats, "$.dropped"));
		assertThat(acquisitions).as("every good request used a buffer: %s", stats).isGreaterThanOrEqualTo(goodRequests);
		assertThat(number(stats, "$.hits")).as("the pool served most requests: %s", stats)
			.isGreaterThan(acquisitions / 2);
		assertThat(number(stats, "$.leaks")).as(stats).isZero();
		return stats;
	}

	void assertPrometheusSeries(String managerName) throws Exception {
		HttpResponse<String> prometheus = send(get("/actuator/prometheus"));
		assertThat(prometheus.statusCode()).isEqualTo(200);
		String name = "name=\"" + managerName + "\"";
		assertThat(prometheus.body()).contains("bufferpool_buffers_active_buffers{" + name + "} 0.0")
			.contains("bufferpool_buffers_idle_buffers{" + name + "}")
			.contains("bufferpool_acquisitions_buffers_total{" + name + ",result=\"hit\"}")
			.contains("bufferpool_releases_buffers_total{" + name + ",result=\"returned\"}")
			.contains("bufferpool_memory_retained_bytes{" + name + "}")
			.contains("bufferpool_leaks_total{" + name + "} 0.0")
			.containsPattern("bufferpool_hold_seconds_count\\{" + name + "\\} [1-9]")
			.contains("bufferpool_hold_seconds_bucket{" + name + ",le=\"+Inf\"}")
			.contains("bufferpool_hold_seconds_max{" + name + "}");
	}

	boolean isHealthy() {
		try {
			HttpResponse<String> health = send(get("/actuator/health"));
			return health.statusCode() == 200 && health.body().contains("\"UP\"");
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void checkDigest(SplittableRandom random) throws Exception {
		byte[] body = randomBytes(random, random.nextInt(0, (int) Math.min(300_000, this.maxBodySize)));
		HttpResponse<String> response = send(octets("/api/digest", body));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
		assertThat((String) JsonPath.read(response.body(), "$.digest")).isEqualTo(expected);
		assertThat(number(response.body(), "$.bytes")).isEqualTo(body.length);
	}

	private void checkGzip(SplittableRandom random) throws Exception {
		byte[] body = ("line " + random.nextInt() + " of a compressible body\n").repeat(random.nextInt(1, 3000))
			.getBytes(StandardCharsets.UTF_8);
		HttpResponse<byte[]> response = this.client.send(octets("/api/gzip", body),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(response.statusCode()).isEqualTo(200);
		try (GZIPInputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
			assertThat(gunzip.readAllBytes()).isEqualTo(body);
		}
	}

	private void checkReport(SplittableRandom random) throws Exception {
		int rows = random.nextInt(1, 2000);
		HttpResponse<String> response = send(get("/api/report?rows=" + rows));
		assertThat(response.statusCode()).isEqualTo(200);
		String[] lines = response.body().split("\n");
		assertThat(lines).hasSize(rows + 1);
		long last = rows;
		assertThat(lines[rows]).isEqualTo(last + "," + last * last + "," + last * last * last);
	}

	private void checkBadInput(SplittableRandom random) throws Exception {
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
				response = send(octets("/api/digest", new byte[(int) this.maxBodySize + 1]));
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
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).contains("json"));
	}

	HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build();
	}

	HttpRequest json(String path, String body, String user, String password) {
		return authorized(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), user, password);
	}

	HttpRequest delete(String path, String user, String password) {
		return authorized(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).DELETE(), user, password);
	}

	private static HttpRequest authorized(HttpRequest.Builder request, String user, String password) {
		if (password != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}
		return request.build();
	}

	private HttpRequest octets(String path, byte[] body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private URI uri(String path) {
		return this.base.resolve(path);
	}

	static long number(String json, String path) {
		return ((Number) JsonPath.read(json, path)).longValue();
	}

	private static byte[] randomBytes(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) random.nextInt(256);
		}
		return bytes;
	}

}
