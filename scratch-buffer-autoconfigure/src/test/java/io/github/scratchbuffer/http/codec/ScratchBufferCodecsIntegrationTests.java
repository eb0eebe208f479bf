package io.github.scratchbuffer.http.codec;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import io.github.scratchbuffer.TestBodies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scratch buffers as WebFlux response and request bodies, over real HTTP (Reactor Netty):
 * content and headers, limits, a cancelled exchange, concurrency, and the pool's books
 * after every test.
 */
@SpringBootTest(classes = ReactiveBodiesTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "scratch-buffer.pooling.enabled=true",
				"scratch-buffer.pooling.max-size=4", "scratch-buffer.buffer-size=1KB",
				"scratch-buffer.request-body.max-size=16KB", "scratch-buffer.leak-detection=paranoid" })
class ScratchBufferCodecsIntegrationTests {

	private static final int MAX_BODY = 16 * 1024;

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	private WebTestClient client;

	@BeforeEach
	void prepare() {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@AfterEach
	void everyBufferCameBackOnce() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aMonoOfTheExchangesBufferIsTheBodyWithItsLength() {
		byte[] expected = "Hello, Z\u00fcrich!".getBytes(StandardCharsets.UTF_8);
		this.client.get()
			.uri("/greeting?name=Z\u00fcrich")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.expectHeader()
			.contentLength(expected.length)
			.expectBody(byte[].class)
			.isEqualTo(expected);
	}

	/**
	 * A handler that fills the buffer on another thread makes Reactor Netty complete the
	 * write before it has copied the bytes: without the lease, the scope closed at once
	 * and more than half of these answers came back as zeroes (the buffer zeroed for its
	 * next scope). Two buffers in the pool make reuse immediate.
	 */
	@Test
	void theBufferGoesBackOnlyAfterTheServerCopiedItsBytes() {
		for (int i = 0; i < 300; i++) {
			String name = "n" + i;
			this.client.get()
				.uri("/greeting?name=" + name)
				.exchange()
				.expectBody(String.class)
				.isEqualTo("Hello, " + name + "!");
		}
	}

	@Test
	void aLargeBufferIsWrittenWhole() {
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 20_000; i++) {
			expected.append(i).append('\n');
		}
		this.client.get()
			.uri("/numbers?count=20000")
			.exchange()
			.expectHeader()
			.contentType("text/plain")
			.expectHeader()
			.contentLength(expected.length())
			.expectBody(String.class)
			.isEqualTo(expected.toString());
	}

	@Test
	void aBufferWhoseScopeEndedIsAServerError() {
		this.client.get()
			.uri("/released")
			.exchange()
			.expectStatus()
			.is5xxServerError()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("gone"));
	}

	@Test
	void aCancelledExchangeReleasesItsBuffer() throws InterruptedException {
		BufferPoolStats before = AwaitStatistics.quiescent(this.bufferManager);
		WebTestClient impatient = this.client.mutate().responseTimeout(Duration.ofMillis(300)).build();
		try {
			impatient.get().uri("/never").exchange();
		}
		catch (AssertionError | IllegalStateException ex) {
			// The client timed out and closed the connection, as intended.
		}
		BufferPoolStats after = AwaitStatistics.until(this.bufferManager,
				(stats) -> stats.active() == 0 && stats.acquisitions() > before.acquisitions());
		assertThat(after.acquisitions()).isGreaterThan(before.acquisitions());
	}

	@Test
	void aRequestBodyIsReadIntoTheExchangesBufferAndEchoed() {
		byte[] body = TestBodies.bytes(10_000, 1);
		echo(body).expectStatus()
			.isOk()
			.expectHeader()
			.contentLength(body.length)
			.expectBody(byte[].class)
			.isEqualTo(body);
	}

	@Test
	void aStreamedRequestBodyInManyChunksIsReadWhole() {
		byte[] body = TestBodies.bytes(MAX_BODY, 2);
		Flux<DataBuffer> chunks = chunks(body);
		this.client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.isEqualTo(body);
	}

	@Test
	void aBodyReadIntoTheBufferCanBeDecoded() {
		this.client.post()
			.uri("/text")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("stra\u00dfe")
			.exchange()
			.expectBody(String.class)
			.isEqualTo("STRASSE");
	}

	@Test
	void aDeclaredLengthOverTheLimitIsRefusedWithAProblemDetail() {
		this.client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(TestBodies.bytes(MAX_BODY + 1, 3))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"status\":413")
				.contains("its Content-Length is " + (MAX_BODY + 1)));
	}

	@Test
	void aStreamedBodyOverTheLimitIsRefusedWhileStreaming() {
		byte[] body = TestBodies.bytes(MAX_BODY + 512, 4);
		Flux<DataBuffer> chunks = chunks(body);
		this.client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.body(chunks, DataBuffer.class)
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("more arrived"));
	}

	@Test
	void concurrentExchangesNeverSeeEachOthersBytes() {
		Flux.range(0, 200).flatMap((i) -> reactor.core.publisher.Mono.fromRunnable(() -> {
			byte[] body = TestBodies.bytes(1 + new SplittableRandom(i).nextInt(6_000), 100 + i);
			echo(body).expectStatus().isOk().expectBody(byte[].class).isEqualTo(body);
		}).subscribeOn(Schedulers.boundedElastic()), 8).blockLast(Duration.ofSeconds(60));
	}

	/** The body in chunks of 512 bytes: a request without a Content-Length. */
	private static Flux<DataBuffer> chunks(byte[] body) {
		return Flux.range(0, body.length / 512)
			.map((i) -> DefaultDataBufferFactory.sharedInstance
				.wrap(java.util.Arrays.copyOfRange(body, i * 512, (i + 1) * 512)));
	}

	private WebTestClient.ResponseSpec echo(byte[] body) {
		return this.client.post()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(body)
			.exchange();
	}

}
