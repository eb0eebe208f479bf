package io.github.scratchbuffer.web.reactive;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.AwaitStatistics;
import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exchange of a reactive application gets the buffer of its own scope, released
 * once when the exchange completes, fails or is cancelled. Over real HTTP, with
 * {@link WebTestClient}.
 */
@SpringBootTest(classes = ReactiveTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto",
				"scratch-buffer.pooling.enabled=true", "scratch-buffer.pooling.max-size=4",
				"scratch-buffer.buffer-size=1KB", "scratch-buffer.leak-detection=paranoid" })
class ScratchBufferWebFilterIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private BufferManager bufferManager;

	@Autowired
	private BlockingQueue<String> streamEnds;

	private WebTestClient client;

	private BufferPoolStats before;

	@BeforeEach
	void prepare() throws InterruptedException {
		this.client = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
		this.before = AwaitStatistics.quiescent(this.bufferManager);
		this.streamEnds.clear();
	}

	@AfterEach
	void everyBufferCameBackOnce() throws InterruptedException {
		AwaitStatistics.assertEveryBufferCameBackOnce(this.bufferManager);
	}

	@Test
	void aHandlerFindsTheExchangesBufferInTheReactorContext() throws InterruptedException {
		this.client.post()
			.uri("/reactive/echo")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("hello");
		assertBuffersUsed(1);
	}

	@Test
	void withAutomaticContextPropagationCurrentIsTheExchangesBufferOnEveryThread() throws InterruptedException {
		this.client.get()
			.uri("/reactive/current")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("same buffer: ab on parallel");
		assertBuffersUsed(1);
	}

	@Test
	void anExchangeThatFailsReleasesItsBuffer() throws InterruptedException {
		this.client.get().uri("/reactive/error").exchange().expectStatus().isEqualTo(418);
		assertBuffersUsed(1);
	}

	@Test
	void anExchangeTheClientCancelsReleasesItsBuffer() throws InterruptedException {
		Flux<String> ticks = this.client.get()
			.uri("/reactive/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseBody();
		List<String> firstTicks = ticks.take(3).collectList().block(Duration.ofSeconds(30));
		assertThat(firstTicks).containsExactly("tick 0", "tick 1", "tick 2");
		assertThat(this.streamEnds.poll(10, TimeUnit.SECONDS)).isEqualTo("cancel");
		assertBuffersUsed(1);
	}

	@Test
	void concurrentExchangesNeverSeeEachOthersBytes() throws InterruptedException {
		// WebTestClient's exchange() blocks until the response arrives, so each exchange
		// runs on a worker thread: blocking inside flatMap would block the client's event
		// loop, which may be the very loop that must read that response.
		List<String> bodies = Flux.range(0, 200)
			.flatMap((i) -> Mono.fromCallable(() -> echo(echoBody(i))).subscribeOn(Schedulers.boundedElastic()), 32)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(bodies).hasSize(200);
		for (int i = 0; i < 200; i++) {
			assertThat(bodies).contains(echoBody(i));
		}
		assertBuffersUsed(200);
	}

	private static String echoBody(int i) {
		return ("exchange-" + i + "-").repeat(1 + (i % 40));
	}

	private String echo(String body) {
		return this.client.post()
			.uri("/reactive/echo")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private void assertBuffersUsed(int expected) throws InterruptedException {
		BufferPoolStats stats = AwaitStatistics.quiescent(this.bufferManager);
		assertThat(stats.acquisitions() - this.before.acquisitions()).as("buffers used: %s", stats).isEqualTo(expected);
	}

}
