package io.github.scratchbuffer.web.reactive;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.context.BufferScopeContextKey;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Gives every exchange of a reactive web application a {@link BufferScope}, closed once
 * when the exchange completes, fails or is cancelled (the client went away), and the
 * server has let go of every response body written over its buffer (see
 * {@link ExchangeScopeLease}).
 * <p>
 * A reactive exchange hops between threads, so its scope belongs to no thread: handlers
 * reach it through the Reactor context ({@link #scope(BufferManager)}) or the exchange
 * attribute {@link #SCOPE_ATTRIBUTE}. With Reactor's automatic context propagation on
 * ({@code spring.reactor.context-propagation=auto}) and context-propagation on the
 * classpath, {@link BufferManager#current()} returns the exchange's buffer on whichever
 * thread a signal is delivered.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class ScratchBufferWebFilter implements WebFilter, Ordered {

	/**
	 * Outside Spring's observation filter, which measures the whole exchange, and inside
	 * nothing else that may want a buffer (security included), as in the servlet filter.
	 */
	public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	/**
	 * The exchange attribute that holds the exchange's scope.
	 */
	public static final String SCOPE_ATTRIBUTE = ScratchBufferWebFilter.class.getName() + ".scope";

	private final BufferManager bufferManager;

	private final String contextKey;

	private final String leaseKey;

	private final int order;

	public ScratchBufferWebFilter(BufferManager bufferManager) {
		this(bufferManager, DEFAULT_ORDER);
	}

	public ScratchBufferWebFilter(BufferManager bufferManager, int order) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
		this.contextKey = BufferScopeContextKey.of(bufferManager);
		this.leaseKey = leaseKey(bufferManager);
		this.order = order;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.defer(() -> {
			BufferScope scope = openExchangeScope();
			ExchangeScopeLease lease = new ExchangeScopeLease(scope);
			exchange.getAttributes().put(SCOPE_ATTRIBUTE, scope);
			// The exchange's end gives back its own reference; the scope closes then, or
			// when the server lets go of the last body written over its buffer.
			return chain.filter(exchange)
				.contextWrite((context) -> context.put(this.contextKey, scope).put(this.leaseKey, lease))
				.doFinally((signal) -> lease.release());
		});
	}

	/**
	 * Opens a scope owned by the exchange rather than the thread that happens to
	 * subscribe: taken off that thread at once, so that an event-loop thread never
	 * carries one exchange's scope into the next exchange it serves.
	 */
	private BufferScope openExchangeScope() {
		BufferScope scope = this.bufferManager.openScope();
		scope.detach();
		return scope;
	}

	@Override
	public int getOrder() {
		return this.order;
	}

	/**
	 * The scope of the exchange being handled, from the Reactor context.
	 * @param bufferManager the manager whose scope to look up
	 * @return the scope, or empty outside an exchange the filter handles
	 */
	public static Mono<BufferScope> scope(BufferManager bufferManager) {
		String key = BufferScopeContextKey.of(bufferManager);
		return Mono.deferContextual((context) -> Mono.justOrEmpty(context.<BufferScope>getOrEmpty(key)));
	}

	/**
	 * The lease on the scope of the exchange being handled: what a response writer
	 * retains while the server holds a body over the exchange's buffer.
	 * @param context the Reactor context of the exchange
	 * @param bufferManager the manager whose scope to look up
	 * @return the lease, or {@code null} outside an exchange the filter handles
	 */
	public static @Nullable ExchangeScopeLease lease(ContextView context, BufferManager bufferManager) {
		return context.<ExchangeScopeLease>getOrEmpty(leaseKey(bufferManager)).orElse(null);
	}

	private static String leaseKey(BufferManager bufferManager) {
		return BufferScopeContextKey.of(bufferManager) + ".lease";
	}

	/**
	 * The scope of an exchange.
	 * @param exchange the exchange
	 * @return the scope, or {@code null} if the filter did not handle the exchange
	 */
	public static @Nullable BufferScope scope(ServerWebExchange exchange) {
		return exchange.getAttribute(SCOPE_ATTRIBUTE);
	}

}
