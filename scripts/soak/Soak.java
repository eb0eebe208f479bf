import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The soak test's client (run by scripts/soak.sh as a single-file program: java Soak.java).
 * Drives a sample app started with the 'faults' profile with many concurrent clients,
 * mixing good requests, whose answers it checks byte for byte, with injected faults:
 * handlers that throw, error statuses, async timeouts, leaked scopes, buffers kept past
 * their request, clients that disconnect mid-request and mid-response, oversized bodies;
 * meanwhile it toggles pooling and drains the pool through the endpoint. At the end it
 * checks, through /actuator/bufferpool and the metrics, that every buffer came back once,
 * that exactly the injected leaks were counted, that no 5xx came back but injected ones,
 * and that the heap after a full GC is back near where it started. Exits 1 if any check
 * fails. Only the JDK is needed.
 */
public class Soak {

	/** What a request does, how often (per thousand), and what it must get. */
	enum Kind {

		DIGEST(380, 200), GZIP(150, 200), REPORT(200, 200), READ_POOL(20, 200),
		THROWS(40, 500), ERROR_STATUS(40, 503), ASYNC_TIMEOUT(2, 503), LEAK(30, 200), KEEP_BUFFER(30, 200),
		DISCONNECT_MID_REQUEST(40, 0), DISCONNECT_MID_RESPONSE(40, 0), OVERSIZED_BODY(8, 413),
		OVERSIZED_DECLARED(20, 413);

		final int weight;

		final int expectedStatus;

		Kind(int weight, int expectedStatus) {
			this.weight = weight;
			this.expectedStatus = expectedStatus;
		}

		boolean injects5xx() {
			return this.expectedStatus >= 500;
		}

	}

	private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?[0-9.]+(?:[eE][-+]?\\d+)?)");

	private final String base;

	private final int port;

	private final String authorization;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final Map<Kind, Map<Integer, LongAdder>> statuses = new EnumMap<>(Kind.class);

	private final Map<Kind, LongAdder> sent = new EnumMap<>(Kind.class);

	private final Queue failures = new Queue();

	private final LongAdder toggles = new LongAdder();

	private final LongAdder drains = new LongAdder();

	private final Kind[] table;

	Soak(String base, String password, Set<Kind> kinds) {
		this.base = base;
		this.port = URI.create(base).getPort();
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
		List<Kind> table = new ArrayList<>();
		for (Kind kind : Kind.values()) {
			this.statuses.put(kind, new ConcurrentHashMap<>());
			this.sent.put(kind, new LongAdder());
			for (int i = 0; i < kind.weight && kinds.contains(kind); i++) {
				table.add(kind);
			}
		}
		this.table = table.toArray(Kind[]::new);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new TreeMap<>(Map.of("requests", "100000", "clients", "32", "warm-up", "2000",
				"report", "target/soak/report.txt", "max-heap-growth-mb", "48"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
		}
		String base = require(options, "base");
		String password = require(options, "password");
		Set<Kind> kinds = EnumSet.allOf(Kind.class);
		if (options.containsKey("kinds")) {
			kinds.clear();
			for (String name : options.get("kinds").split(",")) {
				kinds.add(Kind.valueOf(name.trim().toUpperCase().replace('-', '_')));
			}
		}
		Soak soak = new Soak(base, password, kinds);
		boolean passed = soak.run(Long.parseLong(options.get("requests")), Integer.parseInt(options.get("clients")),
				Integer.parseInt(options.get("warm-up")), Long.parseLong(options.get("max-heap-growth-mb")),
				Path.of(options.get("report")));
		System.exit(passed ? 0 : 1);
	}

	private static String require(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("--" + name + " is required");
		}
		return value;
	}

	boolean run(long requests, int clients, int warmUp, long maxHeapGrowthMb, Path reportFile) throws Exception {
		drive(warmUp, clients, false);
		resetCounts();
		Map<String, Double> statsBefore = poolStatistics();
		long heapBefore = collectGarbage();
		long started = System.nanoTime();
		AtomicBoolean running = new AtomicBoolean(true);
		Thread toggler = new Thread(() -> toggleAndDrain(running), "soak-toggler");
		toggler.start();
		drive(requests, clients, true);
		running.set(false);
		toggler.join();
		double seconds = (System.nanoTime() - started) / 1e9;
		send(HttpRequest.newBuilder(uri("/actuator/bufferpool"))
			.header("Authorization", this.authorization)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"poolingEnabled\":true}"))
			.build());
		Map<String, Double> stats = awaitQuiescence();
		long heapAfter = collectGarbage();
		return report(requests, clients, seconds, statsBefore, stats, heapBefore, heapAfter, maxHeapGrowthMb,
				reportFile);
	}

	private void resetCounts() {
		for (Kind kind : Kind.values()) {
			this.statuses.get(kind).clear();
			this.sent.get(kind).reset();
		}
		this.failures.clear();
	}

	/** Sends {@code total} requests from {@code clients} threads, each its own random stream. */
	private void drive(long total, int clients, boolean progress) throws Exception {
		AtomicLong next = new AtomicLong();
		ExecutorService workers = Executors.newFixedThreadPool(clients);
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			SplittableRandom random = new SplittableRandom(42 + c);
			done.add(workers.submit(() -> {
				long index;
				while ((index = next.getAndIncrement()) < total) {
					Kind kind = this.table[random.nextInt(this.table.length)];
					this.sent.get(kind).increment();
					try {
						int status = perform(kind, random);
						this.statuses.get(kind).computeIfAbsent(status, (s) -> new LongAdder()).increment();
						if (status != kind.expectedStatus) {
							this.failures.add(kind + " got " + status + ", expected " + kind.expectedStatus);
						}
					}
					catch (Exception ex) {
						this.failures.add(kind + " failed: " + ex);
					}
					if (progress && index > 0 && index % 100_000 == 0) {
						System.out.printf("  %,d requests sent%n", index);
					}
				}
				return null;
			}));
		}
		for (Future<?> worker : done) {
			worker.get();
		}
		workers.shutdown();
	}

	/** Performs one request; 0 for the kinds that hang up before any answer. */
	private int perform(Kind kind, SplittableRandom random) throws Exception {
		switch (kind) {
			case DIGEST: {
				byte[] body = randomBytes(random, 1 + random.nextInt(64 * 1024));
				HttpResponse<String> response = send(post("/api/digest", body));
				String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
				if (response.statusCode() == 200 && !response.body().contains("\"digest\":\"" + expected + "\"")) {
					this.failures.add("DIGEST of " + body.length + " bytes answered " + response.body());
				}
				return response.statusCode();
			}
			case GZIP: {
				byte[] body = ("line " + random.nextInt() + " of the soak\n").repeat(1 + random.nextInt(1000))
					.getBytes(StandardCharsets.US_ASCII);
				HttpResponse<byte[]> response = this.client.send(post("/api/gzip", body),
						HttpResponse.BodyHandlers.ofByteArray());
				if (response.statusCode() == 200) {
					try (InputStream gunzip = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
						if (!java.util.Arrays.equals(gunzip.readAllBytes(), body)) {
							this.failures.add("GZIP of " + body.length + " bytes came back different");
						}
					}
				}
				return response.statusCode();
			}
			case REPORT: {
				int rows = 1 + random.nextInt(2000);
				HttpResponse<String> response = send(get("/api/report?rows=" + rows));
				String lastLine = rows + "," + ((long) rows * rows) + "," + ((long) rows * rows * rows) + "\n";
				if (response.statusCode() == 200 && !response.body().endsWith(lastLine)) {
					this.failures.add("REPORT of " + rows + " rows ended wrong");
				}
				return response.statusCode();
			}
			case READ_POOL:
				return send(get("/actuator/bufferpool")).statusCode();
			case THROWS:
				return send(get("/faults/throw")).statusCode();
			case ERROR_STATUS:
				return send(get("/faults/error-status")).statusCode();
			case ASYNC_TIMEOUT:
				return send(get("/faults/async-timeout")).statusCode();
			case LEAK:
				return send(get("/faults/leak")).statusCode();
			case KEEP_BUFFER: {
				HttpResponse<String> response = send(get("/faults/keep"));
				return response.statusCode();
			}
			case DISCONNECT_MID_REQUEST:
				try (Socket socket = new Socket("localhost", this.port)) {
					OutputStream out = socket.getOutputStream();
					out.write(("POST /api/digest HTTP/1.1\r\nHost: localhost\r\n"
							+ "Content-Type: application/octet-stream\r\nContent-Length: 200000\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
					out.write(randomBytes(random, 16 * 1024));
					out.flush();
					socket.setSoLinger(true, 0);
				}
				return 0;
			case DISCONNECT_MID_RESPONSE:
				try (Socket socket = new Socket("localhost", this.port)) {
					socket.setSoTimeout(30_000);
					socket.getOutputStream()
						.write("GET /faults/slow-stream HTTP/1.1\r\nHost: localhost\r\n\r\n"
							.getBytes(StandardCharsets.US_ASCII));
					InputStream in = socket.getInputStream();
					in.readNBytes(1 + random.nextInt(16 * 1024));
					socket.setSoLinger(true, 0);
				}
				return 0;
			case OVERSIZED_BODY:
				return rawStatus("POST /api/digest HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
						+ "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n",
						chunked(randomBytes(random, 300 * 1024)));
			case OVERSIZED_DECLARED:
				return rawStatus("POST /api/digest HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
						+ "Content-Type: application/octet-stream\r\nContent-Length: 104857600\r\n\r\n",
						new byte[1024]);
			default:
				throw new IllegalStateException("Unknown kind " + kind);
		}
	}

	/** Flips pooling every 100 ms and drains every 300 ms until the soak ends. */
	private void toggleAndDrain(AtomicBoolean running) {
		boolean enabled = false;
		long ticks = 0;
		while (running.get()) {
			try {
				HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/actuator/bufferpool"))
					.header("Authorization", this.authorization)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"poolingEnabled\":" + enabled + "}"))
					.build());
				expectOk("toggle", response);
				this.toggles.increment();
				enabled = !enabled;
				if (++ticks % 3 == 0) {
					expectOk("drain", send(HttpRequest.newBuilder(uri("/actuator/bufferpool"))
						.header("Authorization", this.authorization)
						.DELETE()
						.build()));
					this.drains.increment();
				}
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (Exception ex) {
				this.failures.add("toggler failed: " + ex);
			}
		}
	}

	private void expectOk(String what, HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			this.failures.add(what + " got " + response.statusCode() + ": " + response.body());
		}
	}

	private Map<String, Double> awaitQuiescence() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		Map<String, Double> stats = poolStatistics();
		while (stats.get("active") != 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			stats = poolStatistics();
		}
		return stats;
	}

	private Map<String, Double> poolStatistics() throws Exception {
		HttpResponse<String> response = send(get("/actuator/bufferpool"));
		Map<String, Double> fields = new TreeMap<>();
		Matcher matcher = NUMBER_FIELD.matcher(response.body());
		while (matcher.find()) {
			fields.putIfAbsent(matcher.group(1), Double.parseDouble(matcher.group(2)));
		}
		fields.put("poolingEnabled", response.body().contains("\"poolingEnabled\":true") ? 1.0 : 0.0);
		return fields;
	}

	private double metric(String name) throws Exception {
		HttpResponse<String> response = send(get("/actuator/metrics/" + name));
		Matcher matcher = Pattern.compile("\"value\"\\s*:\\s*(-?[0-9.Ee+-]+)").matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("No metric " + name + ": " + response.statusCode() + " " + response.body());
		}
		return Double.parseDouble(matcher.group(1));
	}

	private long collectGarbage() throws Exception {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/faults/gc"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("POST /faults/gc: " + response.statusCode() + " (is the 'faults' profile on?)");
		}
		return Long.parseLong(response.body().trim());
	}

	private boolean report(long requests, int clients, double seconds, Map<String, Double> before,
			Map<String, Double> stats, long heapBefore, long heapAfter, long maxHeapGrowthMb, Path reportFile)
			throws Exception {
		List<String> checks = new ArrayList<>();
		long injectedLeaks = count(Kind.LEAK, 200);
		long leaks = (long) (stats.get("leaks") - before.get("leaks"));
		long acquisitions = stats.get("acquisitions").longValue();
		long hits = stats.get("hits").longValue();
		long misses = stats.get("misses").longValue();
		long returned = stats.get("returned").longValue();
		long dropped = stats.get("dropped").longValue();
		long unexpected5xx = 0;
		for (Kind kind : Kind.values()) {
			if (!kind.injects5xx()) {
				for (Map.Entry<Integer, LongAdder> status : this.statuses.get(kind).entrySet()) {
					if (status.getKey() >= 500) {
						unexpected5xx += status.getValue().sum();
					}
				}
			}
		}
		check(checks, "active == 0 after the run", stats.get("active") == 0, "active=" + stats.get("active"));
		check(checks, "acquisitions == hits + misses", acquisitions == hits + misses,
				acquisitions + " vs " + (hits + misses));
		check(checks, "acquisitions == returned + dropped", acquisitions == returned + dropped,
				acquisitions + " vs " + (returned + dropped));
		check(checks, "leaks counted == leaks injected", leaks == injectedLeaks, leaks + " vs " + injectedLeaks);
		check(checks, "no buffer used outside a scope", stats.get("unscoped") == 0, "unscoped=" + stats.get("unscoped"));
		check(checks, "metric bufferpool.leaks agrees", metric("bufferpool.leaks") == stats.get("leaks"),
				metric("bufferpool.leaks") + " vs " + stats.get("leaks"));
		check(checks, "metric bufferpool.buffers.active == 0", metric("bufferpool.buffers.active") == 0, "");
		check(checks, "no 5xx but the injected ones", unexpected5xx == 0, unexpected5xx + " unexpected");
		check(checks, "every answer as expected, every good answer correct", this.failures.size() == 0,
				this.failures.size() + " failure(s)" + this.failures.sample());
		long growthMb = (heapAfter - heapBefore) >> 20;
		check(checks, "heap after full GC within " + maxHeapGrowthMb + " MB of the start", growthMb <= maxHeapGrowthMb,
				growthMb + " MB");
		check(checks, "pooling toggled and drained while under load", this.toggles.sum() > 0 && this.drains.sum() > 0,
				this.toggles.sum() + " toggles, " + this.drains.sum() + " drains");

		StringBuilder out = new StringBuilder();
		out.append(String.format("Soak: %,d requests from %d clients in %.1f s = %,.0f requests/s%n", requests, clients,
				seconds, requests / seconds));
		out.append(String.format("%-24s %10s  %s%n", "kind", "sent", "statuses"));
		for (Kind kind : Kind.values()) {
			Map<Integer, Long> byStatus = new TreeMap<>();
			this.statuses.get(kind).forEach((status, n) -> byStatus.put(status, n.sum()));
			out.append(String.format("%-24s %,10d  %s%n", kind.name().toLowerCase().replace('_', '-'),
					this.sent.get(kind).sum(), byStatus).replace("{0=", "{hung up="));
		}
		out.append(String.format("pooling toggled %,d times and drained %,d times during the run%n", this.toggles.sum(),
				this.drains.sum()));
		out.append(String.format(
				"final statistics: acquisitions %,d = hits %,d + misses %,d = returned %,d + dropped %,d; "
						+ "active %d, idle %d, peak active %d, drained %,d, leaks %d, unscoped %d, retained %,d bytes%n",
				acquisitions, hits, misses, returned, dropped, stats.get("active").longValue(),
				stats.get("idle").longValue(), stats.get("peakActive").longValue(), stats.get("drained").longValue(),
				stats.get("leaks").longValue(), stats.get("unscoped").longValue(),
				stats.get("retainedBytes").longValue()));
		out.append(String.format("heap after full GC: before %,d MB, after %,d MB%n", heapBefore >> 20, heapAfter >> 20));
		checks.forEach((line) -> out.append(line).append('\n'));
		boolean passed = checks.stream().allMatch((line) -> line.startsWith("PASS"));
		out.append(passed ? "SOAK PASSED\n" : "SOAK FAILED\n");
		System.out.print(out);
		Files.createDirectories(reportFile.toAbsolutePath().getParent());
		Files.writeString(reportFile, out);
		return passed;
	}

	private long count(Kind kind, int status) {
		LongAdder n = this.statuses.get(kind).get(status);
		return (n != null) ? n.sum() : 0;
	}

	private static void check(List<String> checks, String what, boolean ok, String detail) {
		checks.add((ok ? "PASS " : "FAIL ") + what + (detail.isEmpty() ? "" : " (" + detail + ")"));
	}

	private int rawStatus(String head, byte[] body) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(head.getBytes(StandardCharsets.US_ASCII));
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The server answered and closed before reading it all: read the answer.
			}
			byte[] statusLine = socket.getInputStream().readNBytes(12);
			String line = new String(statusLine, StandardCharsets.US_ASCII);
			if (!line.startsWith("HTTP/1.1 ")) {
				throw new IOException("No status line: '" + line + "'");
			}
			return Integer.parseInt(line.substring(9, 12));
		}
	}

	private static byte[] chunked(byte[] body) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int offset = 0; offset < body.length; offset += 8192) {
			int length = Math.min(8192, body.length - offset);
			out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.write(body, offset, length);
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private static byte[] randomBytes(SplittableRandom random, int length) {
		byte[] bytes = new byte[length];
		new Random(random.nextLong()).nextBytes(bytes);
		return bytes;
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build();
	}

	private HttpRequest post(String path, byte[] body) {
		return HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
	}

	private URI uri(String path) {
		return URI.create(this.base + path);
	}

	private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** Failures, kept in full up to a point and counted beyond it. */
	static final class Queue {

		private final ConcurrentLinkedQueue<String> first = new ConcurrentLinkedQueue<>();

		private final LongAdder count = new LongAdder();

		void add(String failure) {
			this.count.increment();
			if (this.first.size() < 20) {
				this.first.add(failure);
			}
		}

		long size() {
			return this.count.sum();
		}

		void clear() {
			this.first.clear();
			this.count.reset();
		}

		String sample() {
			return this.first.isEmpty() ? "" : "; first: " + String.join(" | ", this.first);
		}

	}

}
