package io.github.scratchbuffer.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request allocates on its thread, measured by the JVM
 * ({@code ThreadMXBean.getCurrentThreadAllocatedBytes}) around the whole filter chain:
 * the CSV report of 1,000 rows (rendered, encoded and written from the request's buffer)
 * against {@code /api/ping}, whose allocation is Spring's own cost of a request. The
 * rendering, encoding and body writing must add less than 1 KiB. The JSON report's figure
 * is recorded too (its rows are objects: the data). Medians after warm-up, written to
 * {@code target/allocation-per-request.txt}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.security.user.password=test-secret", "logging.level.root=warn" })
@Import(AllocationPerRequestTests.AllocationRecording.class)
class AllocationPerRequestTests {

	private static final int WARM_UP = 3_000;

	private static final int MEASURED = 1_000;

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private AllocationRecorder recorder;

	@Autowired
	private BufferManager bufferManager;

	@Autowired
	private JsonMapper jsonMapper;

	@Test
	void renderingEncodingAndWritingTheReportAllocateLessThanOneKilobyteMoreThanAPing() throws Exception {
		Map<String, String> paths = new LinkedHashMap<>();
		paths.put("ping", "/api/ping");
		paths.put("report", "/api/report?rows=1000");
		paths.put("report.json", "/api/report.json?rows=1000");
		for (String path : paths.values()) {
			drive(path, WARM_UP);
		}
		this.recorder.clear();
		// Interleaved, so that whatever else the JVM does meanwhile (a late compilation,
		// a
		// meter's step rolling over) falls on every path alike instead of on one of them.
		for (int i = 0; i < MEASURED; i++) {
			for (String path : paths.values()) {
				drive(path, 1);
			}
		}
		long ping = this.recorder.median("/api/ping");
		long report = this.recorder.median("/api/report");
		long json = this.recorder.median("/api/report.json");
		String summary = String.format(
				"Bytes allocated on the request thread, median of %d requests after %d of warm-up (JDK %s):%n"
						+ "  /api/ping                    %,9d  (Spring's own cost of a request: the baseline)%n"
						+ "  /api/report?rows=1000        %,9d  (%+,d against the baseline; response %d bytes)%n"
						+ "  /api/report.json?rows=1000   %,9d  (%+,d against the baseline)%n",
				MEASURED, WARM_UP, System.getProperty("java.version"), ping, report, report - ping,
				this.recorder.responseBytes("/api/report"), json, json - ping);
		Files.writeString(Path.of("target", "allocation-per-request.txt"), summary);
		System.out.print(summary);
		assertThat(report - ping).as(summary).isLessThan(1024);
	}

	/**
	 * What the JSON report allocates besides a ping, taken apart in-process on one thread
	 * after warm-up: the row objects (the data), Jackson's serialisation of them into the
	 * buffer, and this project's part of it (the buffer's {@code outputStream()} view).
	 */
	@Test
	void theJsonReportsAllocationIsItsRowsAndJacksonsSerialisation() throws Exception {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long rows = 0;
		long serialisation = 0;
		long stream = 0;
		try (BufferScope scope = this.bufferManager.openScope()) {
			ScratchBuffer buffer = scope.buffer();
			long[] rowBytes = new long[WARM_UP];
			long[] serialisationBytes = new long[WARM_UP];
			long[] streamBytes = new long[WARM_UP];
			for (int i = 0; i < WARM_UP; i++) {
				long before = threads.getCurrentThreadAllocatedBytes();
				List<ReportController.Row> report = ReportController.reportRows(1000);
				long afterRows = threads.getCurrentThreadAllocatedBytes();
				buffer.clear();
				OutputStream out = buffer.outputStream();
				long afterStream = threads.getCurrentThreadAllocatedBytes();
				this.jsonMapper.writeValue(out, report);
				long afterJson = threads.getCurrentThreadAllocatedBytes();
				rowBytes[i] = afterRows - before;
				streamBytes[i] = afterStream - afterRows;
				serialisationBytes[i] = afterJson - afterStream;
			}
			rows = median(rowBytes);
			stream = median(streamBytes);
			serialisation = median(serialisationBytes);
		}
		String summary = String.format(
				"The JSON report of 1,000 rows, in-process, median of the last of %d runs:%n"
						+ "  row objects (the data: 1,000 records and their list)   %,9d%n"
						+ "  Jackson serialising them into the buffer               %,9d%n"
						+ "  the buffer's outputStream() view (this project's part)  %,9d%n",
				WARM_UP, rows, serialisation, stream);
		Files.writeString(Path.of("target", "allocation-json-report.txt"), summary);
		System.out.print(summary);
		assertThat(stream).as(summary).isLessThan(64);
	}

	private static long median(long[] values) {
		long[] lastHalf = java.util.Arrays.copyOfRange(values, values.length / 2, values.length);
		java.util.Arrays.sort(lastHalf);
		return lastHalf[lastHalf.length / 2];
	}

	private void drive(String path, int requests) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		for (int i = 0; i < requests; i++) {
			HttpResponse<Void> response = this.client.send(request, HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).as(path).isEqualTo(200);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class AllocationRecording {

		@Bean
		AllocationRecorder allocationRecorder() {
			return new AllocationRecorder();
		}

		@Bean
		FilterRegistrationBean<AllocationRecorder> allocationRecorderRegistration(AllocationRecorder recorder) {
			FilterRegistrationBean<AllocationRecorder> registration = new FilterRegistrationBean<>(recorder);
			// Outermost: the measurement covers every filter, the scratch buffer's
			// included.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/**
	 * Records what each request allocated on its thread, by path.
	 */
	static class AllocationRecorder extends OncePerRequestFilter {

		private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		private final Map<String, ConcurrentLinkedQueue<Long>> allocated = new ConcurrentHashMap<>();

		private final Map<String, Integer> responseBytes = new ConcurrentHashMap<>();

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			long before = this.threads.getCurrentThreadAllocatedBytes();
			chain.doFilter(request, response);
			long after = this.threads.getCurrentThreadAllocatedBytes();
			String path = request.getRequestURI();
			this.allocated.computeIfAbsent(path, (key) -> new ConcurrentLinkedQueue<>()).add(after - before);
			String length = response.getHeader("Content-Length");
			if (length != null) {
				this.responseBytes.put(path, Integer.parseInt(length));
			}
		}

		void clear() {
			this.allocated.clear();
		}

		long median(String path) {
			List<Long> values = new ArrayList<>(this.allocated.getOrDefault(path, new ConcurrentLinkedQueue<>()));
			assertThat(values).as("requests recorded for %s", path).isNotEmpty();
			Collections.sort(values);
			return values.get(values.size() / 2);
		}

		int responseBytes(String path) {
			return this.responseBytes.getOrDefault(path, -1);
		}

	}

}
