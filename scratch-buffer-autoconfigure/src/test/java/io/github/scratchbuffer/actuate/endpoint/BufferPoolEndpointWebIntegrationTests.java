package io.github.scratchbuffer.actuate.endpoint;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.web.servlet.ScratchBufferTestApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/bufferpool}, its metrics and the Prometheus series over real HTTP.
 */
class BufferPoolEndpointWebIntegrationTests {

	private static final HttpClient client = HttpClient.newHttpClient();

	@Nested
	@SpringBootTest(classes = ScratchBufferTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "scratch-buffer.name=web", "scratch-buffer.pooling.enabled=true",
					"scratch-buffer.pooling.max-size=8", "scratch-buffer.buffer-size=4KB",
					"scratch-buffer.hold-sampling-interval=1",
					"management.endpoints.web.exposure.include=bufferpool,metrics,prometheus" })
	class Unrestricted {

		@LocalServerPort
		private int port;

		@Autowired
		private BufferManager bufferManager;

		@AfterEach
		void restorePooling() {
			this.bufferManager.setPoolingEnabled(true);
		}

		@Test
		void getReturnsTheStatisticsAsNumbers() throws Exception {
			useBuffers(this.bufferManager, 3, 100);
			HttpResponse<String> response = send(this.port, "GET", "/actuator/bufferpool", null);
			assertThat(response.statusCode()).isEqualTo(200);
			String json = response.body();
			Map<String, Object> stats = JsonPath.read(json, "$");
			assertThat(stats).containsKeys("poolingEnabled", "bufferSize", "maxPoolSize", "idle", "active",
					"peakActive", "acquisitions", "hits", "misses", "returned", "dropped", "leaks", "retainedBytes",
					"utilization", "hitRatio", "usage", "hold");
			assertThat((Boolean) JsonPath.read(json, "$.poolingEnabled")).isTrue();
			assertThat((Integer) JsonPath.read(json, "$.bufferSize")).isEqualTo(4096);
			assertThat((Integer) JsonPath.read(json, "$.maxPoolSize")).isEqualTo(8);
			assertThat((Integer) JsonPath.read(json, "$.active")).isZero();
			assertThat(((Number) JsonPath.read(json, "$.acquisitions")).longValue()).isGreaterThanOrEqualTo(3);
			assertThat((Object) JsonPath.read(json, "$.hitRatio")).isInstanceOf(Number.class);
			assertThat((Object) JsonPath.read(json, "$.utilization")).isInstanceOf(Number.class);
			Map<String, Object> usage = JsonPath.read(json, "$.usage");
			assertThat(usage).containsKeys("p50", "p99", "max", "recommendedBufferSize", "grown", "droppedTooLarge",
					"recommendation");
			assertThat(usage).allSatisfy((key, value) -> assertThat(value)
				.isInstanceOf(key.equals("recommendation") ? String.class : Number.class));
			assertThat((String) JsonPath.read(json, "$.usage.recommendation")).startsWith("Too few samples");
		}

		@Test
		void holdTimesAreServedInSecondsAndAsAPrometheusHistogram() throws Exception {
			for (int i = 0; i < 2; i++) {
				try (BufferScope scope = this.bufferManager.openScope()) {
					scope.buffer().writeAscii("held");
					Thread.sleep(30);
				}
			}
			String json = send(this.port, "GET", "/actuator/bufferpool", null).body();
			Map<String, Object> hold = JsonPath.read(json, "$.hold");
			assertThat(hold).containsOnlyKeys("samples", "p50", "p99", "max");
			assertThat(((Number) hold.get("samples")).longValue()).isGreaterThanOrEqualTo(2);
			assertThat(((Number) hold.get("max")).doubleValue()).isGreaterThanOrEqualTo(0.030);
			assertThat(((Number) hold.get("p99")).doubleValue()).isGreaterThanOrEqualTo(0.030)
				.isLessThanOrEqualTo(((Number) hold.get("max")).doubleValue());
			String prometheus = send(this.port, "GET", "/actuator/prometheus", null).body();
			assertThat(prometheus).containsPattern("bufferpool_hold_seconds_count\\{name=\"web\"\\} [1-9]")
				.contains("bufferpool_hold_seconds_sum{name=\"web\"}")
				.contains("bufferpool_hold_seconds_max{name=\"web\"}")
				.contains("bufferpool_hold_seconds_bucket{name=\"web\",le=\"1.0E-5\"}")
				.contains("bufferpool_hold_seconds_bucket{name=\"web\",le=\"+Inf\"}");
		}

		@Test
		void postSwitchesPoolingAndReturnsTheNewStatistics() throws Exception {
			HttpResponse<String> off = send(this.port, "POST", "/actuator/bufferpool", "{\"poolingEnabled\":false}");
			assertThat(off.statusCode()).isEqualTo(200);
			assertThat((Boolean) JsonPath.read(off.body(), "$.poolingEnabled")).isFalse();
			assertThat(this.bufferManager.isPoolingEnabled()).isFalse();
			HttpResponse<String> on = send(this.port, "POST", "/actuator/bufferpool", "{\"poolingEnabled\":true}");
			assertThat((Boolean) JsonPath.read(on.body(), "$.poolingEnabled")).isTrue();
			assertThat(this.bufferManager.isPoolingEnabled()).isTrue();
		}

		@Test
		void postWithAnInvalidBodyIsABadRequestAndChangesNothing() throws Exception {
			for (String body : new String[] { "{\"poolingEnabled\":\"maybe\"}", "{}", "{\"pooling\":false}",
					"{\"poolingEnabled\":[1]}", "{\"poolingEnabled\":0}", "{\"poolingEnabled\":\"no\"}",
					"{\"poolingEnabled\":1.0}", "{\"poolingEnabled\":null}" }) {
				HttpResponse<String> response = send(this.port, "POST", "/actuator/bufferpool", body);
				assertThat(response.statusCode()).as(body).isEqualTo(400);
				assertThat(this.bufferManager.isPoolingEnabled()).as(body).isTrue();
			}
		}

		@Test
		void deleteDrainsTheIdleBuffers() throws Exception {
			useBuffers(this.bufferManager, 2, 10);
			assertThat(this.bufferManager.stats().idle()).isPositive();
			HttpResponse<String> response = send(this.port, "DELETE", "/actuator/bufferpool", null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat((Integer) JsonPath.read(response.body(), "$.idle")).isZero();
			assertThat((Integer) JsonPath.read(response.body(), "$.retainedBytes")).isZero();
			assertThat(this.bufferManager.stats().idle()).isZero();
		}

		@Test
		void metricsAreServedWithTheManagersName() throws Exception {
			useBuffers(this.bufferManager, 2, 10);
			HttpResponse<String> response = send(this.port, "GET",
					"/actuator/metrics/bufferpool.acquisitions?tag=name:web&tag=result:hit", null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat((String) JsonPath.read(response.body(), "$.baseUnit")).isEqualTo("buffers");
			assertThat(send(this.port, "GET", "/actuator/metrics/bufferpool.buffers.active", null).statusCode())
				.isEqualTo(200);
			assertThat(send(this.port, "GET", "/actuator/metrics/bufferpool.memory.retained", null).statusCode())
				.isEqualTo(200);
		}

		@Test
		void prometheusCarriesTheBufferpoolSeries() throws Exception {
			useBuffers(this.bufferManager, 2, 10);
			HttpResponse<String> response = send(this.port, "GET", "/actuator/prometheus", null);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("bufferpool_buffers_active_buffers{name=\"web\"}")
				.contains("bufferpool_buffers_idle_buffers{name=\"web\"}")
				.contains("bufferpool_buffers_max_buffers{name=\"web\"} 8.0")
				.contains("bufferpool_memory_retained_bytes{name=\"web\"}")
				.contains("bufferpool_utilization{name=\"web\"}")
				.containsPattern("bufferpool_acquisitions_buffers_total\\{name=\"web\",result=\"hit\"\\} [1-9]")
				.contains("bufferpool_releases_buffers_total{name=\"web\",result=\"returned\"}")
				.contains("bufferpool_leaks_total{name=\"web\"} 0.0");
		}

	}

	@Nested
	@SpringBootTest(classes = ScratchBufferTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = { "scratch-buffer.pooling.enabled=true",
					"management.endpoints.web.exposure.include=bufferpool",
					"management.endpoint.bufferpool.access=read-only" })
	class ReadOnly {

		@LocalServerPort
		private int port;

		@Autowired
		private BufferManager bufferManager;

		@Test
		void readsWorkAndWritesAreRefused() throws Exception {
			useBuffers(this.bufferManager, 1, 10);
			assertThat(send(this.port, "GET", "/actuator/bufferpool", null).statusCode()).isEqualTo(200);
			HttpResponse<String> post = send(this.port, "POST", "/actuator/bufferpool", "{\"poolingEnabled\":false}");
			assertThat(post.statusCode()).isBetween(400, 499);
			assertThat(send(this.port, "DELETE", "/actuator/bufferpool", null).statusCode()).isBetween(400, 499);
			assertThat(this.bufferManager.isPoolingEnabled()).isTrue();
			assertThat(this.bufferManager.stats().idle()).isOne();
		}

	}

	@Nested
	@SpringBootTest(classes = ScratchBufferTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
	class NotExposed {

		@LocalServerPort
		private int port;

		@Test
		void theEndpointIsNotServedUnlessExposed() throws Exception {
			assertThat(send(this.port, "GET", "/actuator/bufferpool", null).statusCode()).isEqualTo(404);
		}

	}

	static void useBuffers(BufferManager manager, int scopes, int bytes) {
		for (int i = 0; i < scopes; i++) {
			try (BufferScope scope = manager.openScope()) {
				manager.current().write(new byte[bytes]);
			}
		}
	}

	static HttpResponse<String> send(int port, String method, String path, String json) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		request.method(method,
				(json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
