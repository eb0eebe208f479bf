package io.github.scratchbuffer.web.servlet;

import java.io.IOException;
import java.util.concurrent.Callable;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScopeAttachment;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a {@link BufferScope}: code anywhere in the request calls
 * {@link BufferManager#current()} and gets the request's buffer. The scope closes when
 * the request ends, however it ends; for an async request, when the async processing
 * completes (or times out or fails), not when the first dispatch returns. A
 * {@code Callable} or {@code StreamingResponseBody} that Spring MVC runs on its task
 * executor sees the request's buffer there too.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferFilter extends OncePerRequestFilter {

	/**
	 * Runs right after Spring's observation filter ({@code HIGHEST_PRECEDENCE + 1}) and
	 * before everything else, security included, so that the scope encloses every filter
	 * that may want a buffer, while the request's observation still measures the whole
	 * exchange.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * The request attribute that carries the request's scope to its later async
	 * dispatches.
	 */
	public static final String SCOPE_ATTRIBUTE = ScratchBufferFilter.class.getName() + ".scope";

	private static final ScopeAttachment NOTHING_ATTACHED = () -> {
	};

	private static final Object CALLABLE_INTERCEPTOR_KEY = ScopeAttachingCallableInterceptor.class.getName();

	private final BufferManager bufferManager;

	public ScratchBufferFilter(BufferManager bufferManager) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (isAsyncDispatch(request)) {
			doFilterAsyncDispatch(request, response, chain);
			return;
		}
		BufferScope scope = this.bufferManager.openScope();
		request.setAttribute(SCOPE_ATTRIBUTE, scope);
		WebAsyncUtils.getAsyncManager(request)
			.registerCallableInterceptor(CALLABLE_INTERCEPTOR_KEY,
					new ScopeAttachingCallableInterceptor(this.bufferManager, scope));
		try {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				// The container thread goes back to serve other requests: take the
				// scope off it, and close it when the async processing is really over.
				// The container delivers those events only after this dispatch returns.
				scope.detach();
				request.getAsyncContext().addListener(new ScopeClosingListener(scope));
			}
			else {
				scope.close();
			}
		}
	}

	/**
	 * A later dispatch of an async request (writing a {@code DeferredResult}'s or
	 * {@code Callable}'s result) runs on whatever container thread picks it up: attach
	 * the request's scope there for the dispatch, so that {@code current()} is the
	 * request's buffer again. A dispatch that does not start another async cycle is the
	 * request's last: its end closes the scope, without waiting for the container's
	 * completion event.
	 */
	private void doFilterAsyncDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!(request.getAttribute(SCOPE_ATTRIBUTE) instanceof BufferScope scope) || !scope.isOpen()) {
			chain.doFilter(request, response);
			return;
		}
		try (ScopeAttachment attachment = attachIfOpen(scope)) {
			chain.doFilter(request, response);
		}
		finally {
			if (!request.isAsyncStarted()) {
				scope.close();
			}
		}
	}

	/**
	 * Attaches the scope unless it closed since it was checked (an error event on another
	 * thread).
	 */
	private ScopeAttachment attachIfOpen(BufferScope scope) {
		try {
			return this.bufferManager.attach(scope);
		}
		catch (IllegalStateException ex) {
			return NOTHING_ATTACHED;
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		return false;
	}

	/**
	 * Error dispatches (the error page after an exception or {@code sendError}) run after
	 * the request's own scope has closed; they get a scope of their own.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	/**
	 * Attaches the request's scope to the thread that runs the request's {@code Callable}
	 * (or {@code StreamingResponseBody}) while it runs: that work is the request's own,
	 * done one step at a time, so it shares the request's buffer. If the request ends
	 * first (a timeout), the work finds the buffer released: it fails fast on use.
	 */
	private static final class ScopeAttachingCallableInterceptor implements CallableProcessingInterceptor {

		private final BufferManager bufferManager;

		private final BufferScope scope;

		/**
		 * Set in {@code preProcess} and cleared in {@code postProcess}, which Spring runs
		 * on the same thread, around one {@code Callable} at a time.
		 */
		private @Nullable ScopeAttachment attachment;

		ScopeAttachingCallableInterceptor(BufferManager bufferManager, BufferScope scope) {
			this.bufferManager = bufferManager;
			this.scope = scope;
		}

		@Override
		public <T> void preProcess(NativeWebRequest request, Callable<T> task) {
			if (this.scope.isOpen()) {
				this.attachment = this.bufferManager.attach(this.scope);
			}
		}

		@Override
		public <T> void postProcess(NativeWebRequest request, Callable<T> task, @Nullable Object concurrentResult) {
			ScopeAttachment attachment = this.attachment;
			if (attachment != null) {
				this.attachment = null;
				attachment.close();
			}
			if (concurrentResult instanceof AsyncRequestNotUsableException) {
				// The response failed (the client went away). Spring neither dispatches
				// nor completes such a request, and Tomcat may recycle it without a
				// single listener event (seen in the soak test): nothing else will
				// close the scope.
				this.scope.close();
			}
		}

	}

	/**
	 * Closes an async request's scope once, on whichever of these events comes first.
	 * Normally that is {@code onComplete}, which the container sends after a timeout or
	 * error too; but Tomcat may recycle a request whose client reset the connection
	 * mid-response without ever sending it (logged as "Encountered a non-recycled request
	 * and recycled it forcedly"; seen in the soak test), so an error closes the scope
	 * too. The async work, if still running, then finds the buffer released.
	 */
	private static final class ScopeClosingListener implements AsyncListener {

		private final BufferScope scope;

		ScopeClosingListener(BufferScope scope) {
			this.scope = scope;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.scope.close();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// The timeout handling may still write the response, in a dispatch that
			// attaches the scope: close when that is over.
		}

		@Override
		public void onError(AsyncEvent event) {
			this.scope.close();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			// A new async cycle of the same request: keep listening.
			event.getAsyncContext().addListener(this);
		}

	}

}
