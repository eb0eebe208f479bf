package io.github.scratchbuffer.sample;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generated corpus of hostile requests — malformed parameters, bodies, JSON, content
 * types, lengths, encodings, methods and headers — against every endpoint a client
 * reaches. Each one must be refused with a 4xx and a message a person can read, never a
 * 5xx or a stack trace, and none may change the pool: pooling stays on, nothing is
 * drained, no buffer is lost or leaked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.password=" + HostileInputTests.PASSWORD, "sample.max-body-size=200KB",
				"scratch-buffer.request-body.max-size=200KB" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTests {

	static final String PASSWORD = "hostile-test-secret";

	private static final String ADMIN = "Authorization: Basic "
			+ Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));

	private static final String[] STACK_TRACE_SIGNS = { "\tat ", "\n\tat", ".java:", "Exception:", "Caused by" };

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	private BufferPoolStats before;

	private final Map<Integer, Integer> statuses = new TreeMap<>();

	@BeforeAll
	void poolingIsOn() {
		this.bufferManager.setPoolingEnabled(true);
		this.before = this.bufferManager.stats();
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("corpus")
	void isRefusedWithAClearClientErrorAndLeavesThePoolAlone(HostileCase hostile) throws Exception {
		RawHttp.Response response = RawHttp.exchange(this.port, hostile.head(), hostile.body());
		synchronized (this.statuses) {
			this.statuses.merge(response.status(), 1, Integer::sum);
		}
		assertThat(response.status()).as("status of %s: %s", hostile, response.text())
			.isBetween(hostile.expected().lowest(), hostile.expected().highest());
		if (hostile.expected() == Expected.CLIENT_ERROR && response.status() != 406) {
			// 406: the client accepts no representation the message could be sent in;
			// the status line says it all.
			assertThat(response.body()).as("a message for %s", hostile).isNotBlank();
		}
		assertThat(response.body()).as("no stack trace for %s", hostile).doesNotContain(STACK_TRACE_SIGNS);
		assertThat(this.bufferManager.isPoolingEnabled()).as("pooling after %s", hostile).isTrue();
		assertThat(this.bufferManager.stats().drained()).as("drained after %s", hostile)
			.isEqualTo(this.before.drained());
	}

	@AfterAll
	void nothingWasLostOrLeaked() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		BufferPoolStats stats = this.bufferManager.stats();
		while (stats.active() != 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			stats = this.bufferManager.stats();
		}
		System.out.println("Hostile input: " + corpus().count() + " cases, statuses " + this.statuses);
		assertThat(stats.active()).as("%s", stats).isZero();
		assertThat(stats.acquisitions()).isEqualTo(stats.hits() + stats.misses())
			.isEqualTo(stats.returned() + stats.dropped());
		assertThat(stats.leaks()).isZero();
		assertThat(stats.unscoped()).isZero();
		assertThat(stats.poolingEnabled()).isTrue();
	}

	static Stream<HostileCase> corpus() {
		List<HostileCase> cases = new ArrayList<>();
		reportParameters(cases);
		bodyEndpoints(cases);
		echoBodies(cases);
		endpointBodies(cases);
		headersAndMethods(cases);
		return cases.stream();
	}

	/**
	 * {@code /api/report?rows=...} and {@code /api/report.json?rows=...}: everything that
	 * is not a whole number in range.
	 */
	private static void reportParameters(List<HostileCase> cases) {
		String[] rows = { "", "abc", "-1", "0", "100001", "2147483647", "2147483648", "-2147483649",
				"99999999999999999999999999999", "1e3", "1.5", "0x10", "%00", "%ZZ", "%", "%EF%BC%91", "NaN",
				"Infinity", "null", "true", "[]", "%7B%7D", "1;DROP%20TABLE", "%3Cscript%3E", "..%2F..%2Fetc",
				"9".repeat(4000), "%F0%9F%98%80", "%C0%AF", "%FF%FE", "1%0D%0AX-Injected:%201", "-0", "+", "--1", "1,2",
				"%20", "%09" };
		for (String path : new String[] { "/api/report", "/api/report.json" }) {
			String name = path.substring("/api/".length());
			for (String value : rows) {
				cases.add(new HostileCase(name + " rows=" + abbreviate(value),
						"GET " + path + "?rows=" + value + " HTTP/1.1\r\nHost: localhost\r\nConnection: close",
						new byte[0]));
			}
			cases.add(new HostileCase(name + " without rows",
					"GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]));
			cases.add(new HostileCase(name + " rows twice",
					"GET " + path + "?rows=1&rows=2 HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]));
			cases.add(new HostileCase(name + " rows[]",
					"GET " + path + "?rows%5B%5D=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]));
		}
	}

	/**
	 * {@code /api/echo}, whose body Spring reads into the request's buffer: lengths and
	 * chunking that lie, bodies over {@code scratch-buffer.request-body.max-size}, no
	 * body, other methods.
	 */
	private static void echoBodies(List<HostileCase> cases) {
		String octets = "POST /api/echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
				+ "Content-Type: application/octet-stream\r\n";
		for (String length : new String[] { "abc", "-1", "99999999999999999999", "1.5", "0x10", "10, 20", "" }) {
			cases.add(new HostileCase("echo Content-Length: " + length, octets + "Content-Length: " + length,
					new byte[10]));
		}
		cases.add(new HostileCase("echo without a body", octets + "Content-Length: 0", new byte[0]));
		cases.add(new HostileCase("echo declares 100 MB", octets + "Content-Length: 104857600", new byte[10]));
		cases.add(new HostileCase("echo over the limit", octets + "Content-Length: 204801", new byte[204_801]));
		cases.add(new HostileCase("echo chunked over the limit", octets + "Transfer-Encoding: chunked",
				chunked(new byte[300_000])));
		cases.add(new HostileCase("echo malformed chunk size", octets + "Transfer-Encoding: chunked",
				"zz\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
		cases.add(new HostileCase("echo negative chunk size", octets + "Transfer-Encoding: chunked",
				"-5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
		for (String method : new String[] { "GET", "PUT", "DELETE", "PATCH" }) {
			cases.add(new HostileCase(method + " /api/echo",
					method + " /api/echo HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0",
					new byte[0]));
		}
	}

	/** {@code /api/digest} and {@code /api/gzip}: content types, lengths, encodings. */
	private static void bodyEndpoints(List<HostileCase> cases) {
		String[] contentTypes = { "text/plain", "application/json", "application/x-www-form-urlencoded",
				"multipart/form-data; boundary=x", "garbage", "application/", "/", "a/b/c", ";;;",
				"application/octet-stream/extra", "application/" + "x".repeat(3000), "*/*", "application/*",
				"text/html; charset=nonsense" };
		byte[][] bodies = { new byte[0], "hello".getBytes(StandardCharsets.UTF_8), new byte[] { 0, -1, -2, 127 } };
		for (String path : new String[] { "/api/digest", "/api/gzip" }) {
			for (String contentType : contentTypes) {
				for (byte[] body : bodies) {
					String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
							+ ((contentType != null) ? "Content-Type: " + contentType + "\r\n" : "")
							+ "Content-Length: " + body.length;
					cases.add(new HostileCase(path + " Content-Type: " + abbreviate(String.valueOf(contentType)) + ", "
							+ body.length + " byte(s)", head, body));
				}
			}
			String octets = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
					+ "Content-Type: application/octet-stream\r\n";
			String[] lengths = { "abc", "-1", "99999999999999999999", "1.5", "0x10", "10, 20", "" };
			for (String length : lengths) {
				cases.add(new HostileCase(path + " Content-Length: " + length, octets + "Content-Length: " + length,
						new byte[10]));
			}
			cases.add(new HostileCase(path + " declares 100 MB", octets + "Content-Length: 104857600", new byte[10]));
			cases.add(new HostileCase(path + " two Content-Lengths", octets + "Content-Length: 5\r\nContent-Length: 6",
					new byte[6]));
			// RFC 9112 6.3: Transfer-Encoding overrides Content-Length; Tomcat reads the
			// chunks and closes the connection after the response.
			cases.add(new HostileCase(path + " Content-Length and chunked",
					octets + "Content-Length: 5\r\nTransfer-Encoding: chunked", chunked(new byte[5]),
					Expected.ACCEPTED));
			// RFC 9110 8.3: a body without a Content-Type may be taken as octets.
			cases.add(new HostileCase(path + " without Content-Type",
					"POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 4",
					new byte[] { 0, -1, -2, 127 }, Expected.ACCEPTED));
			cases.add(new HostileCase(path + " chunked over the limit", octets + "Transfer-Encoding: chunked",
					chunked(new byte[300_000])));
			cases.add(new HostileCase(path + " malformed chunk size", octets + "Transfer-Encoding: chunked",
					"zz\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
			cases.add(new HostileCase(path + " chunk longer than declared", octets + "Transfer-Encoding: chunked",
					"2\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
			cases.add(new HostileCase(path + " negative chunk size", octets + "Transfer-Encoding: chunked",
					"-5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
			cases.add(new HostileCase(path + " over the limit", octets + "Content-Length: 300000", new byte[300_000]));
			for (String method : new String[] { "GET", "PUT", "DELETE", "PATCH" }) {
				cases.add(new HostileCase(method + " " + path,
						method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: 0",
						new byte[0]));
			}
		}
	}

	/**
	 * {@code POST /actuator/bufferpool} with valid credentials: malformed JSON, wrong
	 * types, huge numbers, nested objects, very large bodies, odd encodings.
	 */
	private static void endpointBodies(List<HostileCase> cases) {
		List<byte[]> bodies = new ArrayList<>();
		for (String json : new String[] { "", "{", "}", "[", "]", "[]", "null", "\"str\"", "1", "true", "{}",
				"{\"poolingEnabled\":}", "{\"poolingEnabled\":tru}", "{\"poolingEnabled\":\"maybe\"}",
				"{\"poolingEnabled\":\"\"}", "{\"poolingEnabled\":null}", "{\"poolingEnabled\":1e999}",
				"{\"poolingEnabled\":123456789012345678901234567890}", "{\"poolingEnabled\":-1}",
				"{\"poolingEnabled\":{\"a\":1}}", "{\"poolingEnabled\":[false]}", "{\"poolingEnabled\":false",
				"{\"poolingEnabled\":false}}", "{poolingEnabled:false}", "{'poolingEnabled':false}",
				"{\"poolingEnabled\":NaN}", "{\"poolingEnabled\":/* off */false}", "{\"pooling\":false}",
				"{\"poolingenabled\":false}", "{\"poolingEnabled\":\"false\u0000\"}", "\u0000\u0000\u0000",
				"{\"poolingEnabled\":0}", "{\"poolingEnabled\":1.0}", "{\"poolingEnabled\":\"no\"}" }) {
			bodies.add(json.getBytes(StandardCharsets.UTF_8));
		}
		bodies.add(("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.US_ASCII));
		bodies.add(("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.US_ASCII));
		bodies.add(("{\"poolingEnabled\":\"" + "x".repeat(3_000_000) + "\"}").getBytes(StandardCharsets.US_ASCII));
		bodies.add(new byte[] { (byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}' });
		bodies.add(new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}' });
		bodies.add(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}' });
		String[] contentTypes = { "application/json", "application/vnd.spring-boot.actuator.v3+json", "text/plain" };
		for (byte[] body : bodies) {
			for (String contentType : contentTypes) {
				cases.add(
						new HostileCase("bufferpool " + contentType + " " + abbreviate(ascii(body)),
								"POST /actuator/bufferpool HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + ADMIN
										+ "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + body.length,
								body));
			}
		}
		byte[] off = "{\"poolingEnabled\":false}".getBytes(StandardCharsets.UTF_8);
		for (String contentType : new String[] { "application/xml", "application/x-www-form-urlencoded",
				"application/json; charset=nonsense", "garbage" }) {
			cases.add(new HostileCase("bufferpool as " + contentType,
					"POST /actuator/bufferpool HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + ADMIN
							+ "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + off.length,
					off));
		}
		String[] credentials = { "", "Authorization: Basic", "Authorization: Basic !!!notbase64",
				"Authorization: Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes()),
				"Authorization: Basic " + Base64.getEncoder().encodeToString("admin".getBytes()),
				"Authorization: Basic " + Base64.getEncoder().encodeToString(":".getBytes()), "Authorization: Bearer x",
				"Authorization: " + "A".repeat(4000) };
		for (String credential : credentials) {
			for (String method : new String[] { "POST", "DELETE" }) {
				cases.add(new HostileCase(method + " bufferpool with '" + abbreviate(credential) + "'",
						method + " /actuator/bufferpool HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
								+ (credential.isEmpty() ? "" : credential + "\r\n")
								+ "Content-Type: application/json\r\nContent-Length: " + off.length,
						off));
			}
		}
	}

	/** Headers and request targets a client controls. */
	private static void headersAndMethods(List<HostileCase> cases) {
		String get = "GET /api/report?rows=1 HTTP/1.1\r\nConnection: close\r\n";
		String[][] headers = { { "no Host", "" }, { "two Hosts", "Host: a\r\nHost: b\r\n" },
				{ "huge header", "Host: localhost\r\nX-Big: " + "x".repeat(20_000) + "\r\n" },
				{ "many headers", "Host: localhost\r\n" + "X-Many: 1\r\n".repeat(500) },
				{ "control character", "Host: localhost\r\nX-Bad: a\u0001b\r\n" },
				{ "header without colon", "Host: localhost\r\nNoColonHere\r\n" },
				{ "space before colon", "Host: localhost\r\nX-Space : 1\r\n" },
				{ "Accept nonsense", "Host: localhost\r\nAccept: nonsense/\r\n" },
				{ "Accept unsupported", "Host: localhost\r\nAccept: image/png\r\n" },
				{ "Expect nonsense", "Host: localhost\r\nExpect: nonsense\r\n" },
				{ "Transfer-Encoding on GET", "Host: localhost\r\nTransfer-Encoding: chunked,chunked\r\n" } };
		for (String[] header : headers) {
			cases.add(new HostileCase("report with " + header[0], get + header[1].stripTrailing(), new byte[0]));
		}
		String[] targets = { "/api/report/..%2F..%2Fetc%2Fpasswd?rows=1", "/api/%2e%2e/report?rows=1",
				"/api/report%00?rows=1", "/api/report?rows=%G1", "/api/report;jsessionid=x?rows=%", "/%",
				"/api/report?" + "a=1&".repeat(5_000) + "rows=x", "/" + "a".repeat(20_000), "/api/report?rows=1#frag%",
				"/actuator/bufferpool/%2e%2e/health" };
		for (String target : targets) {
			cases.add(new HostileCase("target " + abbreviate(target),
					"GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]));
		}
		// RFC 9112 5.2: a server may replace obsolete line folding with a space.
		cases.add(new HostileCase("report with folded header", get + "Host: localhost\r\nX-Fold: a\r\n b", new byte[0],
				Expected.ACCEPTED));
		// Tomcat answers CONNECT, a proxy's tunnel method, itself (RFC 9110 9.3.6),
		// before
		// any filter or servlet runs: no application code can turn it into a 4xx.
		cases.add(new HostileCase("CONNECT", "CONNECT localhost:80 HTTP/1.1\r\nHost: localhost:80\r\nConnection: close",
				new byte[0], Expected.NOT_IMPLEMENTED_BY_THE_CONTAINER));
		for (String method : new String[] { "FOO", "PROPFIND", "TRACE" }) {
			cases.add(new HostileCase(method + " /api/report",
					method + " /api/report?rows=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close", new byte[0]));
		}
	}

	private static byte[] chunked(byte[] body) {
		byte[] head = (Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
		byte[] tail = "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		byte[] all = new byte[head.length + body.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(body, 0, all, head.length, body.length);
		System.arraycopy(tail, 0, all, head.length + body.length, tail.length);
		return all;
	}

	private static String ascii(byte[] bytes) {
		return new String(bytes, 0, Math.min(bytes.length, 60), StandardCharsets.ISO_8859_1);
	}

	private static String abbreviate(String text) {
		String printable = text.replaceAll("\\p{Cntrl}", "?");
		return (printable.length() <= 40) ? printable : printable.substring(0, 40) + "…(" + text.length() + ")";
	}

	/**
	 * What a case must get. Nearly all must be refused; the few that the HTTP
	 * specifications define as acceptable are listed with their reason.
	 */
	enum Expected {

		/** Refused: a 4xx with a message. */
		CLIENT_ERROR(400, 499),

		/** Valid HTTP after all, served normally. */
		ACCEPTED(200, 299),

		/** Answered by the servlet container with 501 before the application sees it. */
		NOT_IMPLEMENTED_BY_THE_CONTAINER(501, 501);

		private final int lowest;

		private final int highest;

		Expected(int lowest, int highest) {
			this.lowest = lowest;
			this.highest = highest;
		}

		int lowest() {
			return this.lowest;
		}

		int highest() {
			return this.highest;
		}

	}

	/**
	 * One hostile request.
	 *
	 * @param name what it tries
	 * @param head the request line and headers
	 * @param body the body
	 */
	record HostileCase(String name, String head, byte[] body, Expected expected) {

		HostileCase(String name, String head, byte[] body) {
			this(name, head, body, Expected.CLIENT_ERROR);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
