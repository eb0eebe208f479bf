package io.github.scratchbuffer.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@Test
	void reportIsRenderedAndEveryBufferComesBack() throws Exception {
		HttpResponse<String> response = get("/api/report?rows=3");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/csv"));
		assertThat(response.body()).isEqualTo("row,square\n1,1\n2,4\n3,9\n");
		BufferPoolStats stats = awaitQuiescence();
		assertThat(stats.active()).isZero();
		assertThat(stats.acquisitions()).isEqualTo(stats.returned() + stats.dropped());
	}

	@Test
	void poolStatisticsAreServedByTheActuatorEndpoint() throws Exception {
		get("/api/report?rows=1");
		HttpResponse<String> response = get("/actuator/bufferpool");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"poolingEnabled\":true").contains("\"active\":0");
	}

	@Test
	void rowsOutOfRangeIsABadRequest() throws Exception {
		assertThat(get("/api/report?rows=-1").statusCode()).isEqualTo(400);
		assertThat(awaitQuiescence().active()).isZero();
	}

	/**
	 * The request's scope closes when the filter chain unwinds, which can be just after the
	 * client has read the response.
	 */
	private BufferPoolStats awaitQuiescence() throws InterruptedException {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		BufferPoolStats stats = this.bufferManager.stats();
		while (stats.active() != 0 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			stats = this.bufferManager.stats();
		}
		return stats;
	}

	private HttpResponse<String> get(String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
