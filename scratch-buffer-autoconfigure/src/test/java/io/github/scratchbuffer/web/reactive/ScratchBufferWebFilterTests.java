package io.github.scratchbuffer.web.reactive;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link ScratchBufferWebFilter}.
 */
class ScratchBufferWebFilterTests {

	private final BufferManager bufferManager = BufferManager.builder().poolingEnabled(true).build();

	private final ScratchBufferWebFilter filter = new ScratchBufferWebFilter(this.bufferManager);

	private final MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/"));

	private final Sinks.Empty<Void> handlerDone = Sinks.empty();

	private final AtomicReference<BufferScope> contextScope = new AtomicReference<>();

	private final WebFilterChain chain = (exchange) -> ScratchBufferWebFilter.scope(this.bufferManager)
		.doOnNext((scope) -> {
			this.contextScope.set(scope);
			scope.buffer().write(1);
		})
		.then(this.handlerDone.asMono());

	@Test
	void theScopeStaysOpenUntilTheExchangeCompletes() {
		Disposable exchangeDone = this.filter.filter(this.exchange, this.chain).subscribe();
		BufferScope scope = ScratchBufferWebFilter.scope(this.exchange);
		assertThat(scope).isNotNull().isSameAs(this.contextScope.get());
		assertThat(scope.isOpen()).isTrue();
		assertThat(this.bufferManager.currentScope()).as("the subscribing thread keeps no exchange's scope").isNull();
		this.handlerDone.tryEmitEmpty();
		assertThat(exchangeDone.isDisposed()).isTrue();
		assertClosedAndReleased(scope);
	}

	@Test
	void theScopeClosesWhenTheExchangeFails() {
		Mono<Void> failing = this.filter.filter(this.exchange,
				(exchange) -> ScratchBufferWebFilter.scope(this.bufferManager)
					.doOnNext((scope) -> scope.buffer().write(1))
					.then(Mono.error(new IllegalStateException("boom"))));
		assertThat(failing.onErrorResume((ex) -> Mono.empty()).block(Duration.ofSeconds(10))).isNull();
		assertClosedAndReleased(ScratchBufferWebFilter.scope(this.exchange));
	}

	@Test
	void theScopeClosesWhenTheExchangeIsCancelled() {
		Disposable exchangeDone = this.filter.filter(this.exchange, this.chain).subscribe();
		BufferScope scope = ScratchBufferWebFilter.scope(this.exchange);
		exchangeDone.dispose();
		assertClosedAndReleased(scope);
		assertThatIllegalStateException().isThrownBy(() -> scope.buffer().write(2))
			.withMessageContaining("used after its scope ended");
	}

	@Test
	void outsideAFilteredExchangeThereIsNoScopeInTheContext() {
		assertThat(ScratchBufferWebFilter.scope(this.bufferManager).block(Duration.ofSeconds(10))).isNull();
		assertThat(ScratchBufferWebFilter.scope(this.exchange)).isNull();
	}

	private void assertClosedAndReleased(BufferScope scope) {
		assertThat(scope).isNotNull();
		assertThat(scope.isOpen()).isFalse();
		assertThat(this.bufferManager.stats().active()).isZero();
		assertThat(this.bufferManager.stats().returned()).isOne();
	}

}
