package io.github.scratchbuffer.web.servlet;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferPoolStats;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScratchBuffer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScratchBufferFilter}'s async life cycle, driving the container's
 * events by hand, including those Tomcat does not always send.
 */
class ScratchBufferFilterTests {

	private final BufferManager bufferManager = BufferManager.builder().poolingEnabled(true).build();

	private final ScratchBufferFilter filter = new ScratchBufferFilter(this.bufferManager);

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/stream");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	@Test
	void anAsyncRequestKeepsItsScopeOffTheContainerThreadUntilItCompletes() throws Exception {
		BufferScope scope = startAsyncRequest();
		assertThat(scope.isOpen()).isTrue();
		assertThat(this.bufferManager.currentScope()).as("the container thread is free of it").isNull();
		assertThat(this.bufferManager.stats().active()).isOne();
		fire((listener, event) -> listener.onComplete(event));
		assertReleased(scope);
	}

	@Test
	void anErrorEventReleasesTheBufferWithoutWaitingForCompletion() throws Exception {
		BufferScope scope = startAsyncRequest();
		fire((listener, event) -> listener.onError(event));
		assertReleased(scope);
		fire((listener, event) -> listener.onComplete(event));
		assertReleased(scope);
	}

	@Test
	void aTimeoutLeavesTheScopeToTheDispatchThatRendersIt() throws Exception {
		BufferScope scope = startAsyncRequest();
		fire((listener, event) -> listener.onTimeout(event));
		assertThat(scope.isOpen()).isTrue();
		dispatchAsync((request, response) -> assertThat(this.bufferManager.current()).isSameAs(scope.buffer()), false);
		assertReleased(scope);
	}

	@Test
	void theLastAsyncDispatchReleasesTheBufferEvenIfCompletionNeverComes() throws Exception {
		BufferScope scope = startAsyncRequest();
		ScratchBuffer requestBuffer = scope.buffer();
		ScratchBuffer[] seen = new ScratchBuffer[1];
		dispatchAsync((request, response) -> seen[0] = this.bufferManager.current(), false);
		assertThat(seen[0]).as("the request's buffer, attached for the dispatch").isSameAs(requestBuffer);
		assertReleased(scope);
	}

	@Test
	void anAsyncDispatchThatStartsAnotherCycleKeepsTheScope() throws Exception {
		BufferScope scope = startAsyncRequest();
		dispatchAsync((request, response) -> request.startAsync(), true);
		assertThat(scope.isOpen()).isTrue();
		assertThat(this.bufferManager.currentScope()).isNull();
		fire((listener, event) -> listener.onComplete(event));
		assertReleased(scope);
	}

	@Test
	void aCallableThatFindsTheResponseUnusableReleasesTheBuffer() throws Exception {
		BufferScope scope = startAsyncRequest();
		CallableProcessingInterceptor interceptor = WebAsyncUtils.getAsyncManager(this.request)
			.getCallableInterceptor(ScratchBufferFilter.class.getName() + "$ScopeAttachingCallableInterceptor");
		assertThat(interceptor).isNotNull();
		NativeWebRequest webRequest = new ServletWebRequest(this.request, this.response);
		Callable<Void> task = () -> null;
		CompletableFuture.runAsync(() -> {
			try {
				interceptor.preProcess(webRequest, task);
				assertThat(this.bufferManager.current()).isSameAs(scope.buffer());
				interceptor.postProcess(webRequest, task,
						new AsyncRequestNotUsableException("ServletOutputStream failed to write"));
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}).get(10, TimeUnit.SECONDS);
		assertReleased(scope);
	}

	private BufferScope startAsyncRequest() throws Exception {
		this.request.setAsyncSupported(true);
		this.filter.doFilter(this.request, this.response, (request, response) -> {
			this.bufferManager.current().write(1);
			request.startAsync();
		});
		BufferScope scope = (BufferScope) this.request.getAttribute(ScratchBufferFilter.SCOPE_ATTRIBUTE);
		assertThat(scope).isNotNull();
		return scope;
	}

	private void dispatchAsync(FilterChain chain, boolean staysAsync) throws Exception {
		this.request.setDispatcherType(DispatcherType.ASYNC);
		this.request.setAsyncStarted(false);
		this.filter.doFilter(this.request, this.response, chain);
		assertThat(this.request.isAsyncStarted()).isEqualTo(staysAsync);
	}

	private void fire(ListenerCall call) throws IOException {
		MockAsyncContext context = (MockAsyncContext) this.request.getAsyncContext();
		assertThat(context).isNotNull();
		AsyncEvent event = new AsyncEvent(context, new IOException("Connection reset by peer"));
		for (AsyncListener listener : context.getListeners()) {
			call.call(listener, event);
		}
	}

	private void assertReleased(BufferScope scope) {
		assertThat(scope.isOpen()).isFalse();
		BufferPoolStats stats = this.bufferManager.stats();
		assertThat(stats.active()).isZero();
		assertThat(stats.acquisitions()).isOne().isEqualTo(stats.returned() + stats.dropped());
	}

	@FunctionalInterface
	private interface ListenerCall {

		void call(AsyncListener listener, AsyncEvent event) throws IOException;

	}

}
