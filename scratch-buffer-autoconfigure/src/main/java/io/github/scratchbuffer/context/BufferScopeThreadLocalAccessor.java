package io.github.scratchbuffer.context;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.scratchbuffer.BufferManager;
import io.github.scratchbuffer.BufferScope;
import io.github.scratchbuffer.ScopeAttachment;
import io.micrometer.context.ThreadLocalAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Carries a {@link BufferManager}'s current scope across threads with Micrometer's
 * context-propagation: whatever captures a context snapshot (Spring's
 * {@code ContextPropagatingTaskDecorator}, Reactor's automatic propagation,
 * {@code ContextSnapshot.wrap}) captures the innermost open scope, and work restoring the
 * snapshot on another thread sees that scope's buffer through
 * {@link BufferManager#current()}. The scope is attached there, never owned: the other
 * thread's work ending does not close it, and once the scope closes, its buffer fails
 * fast there too.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public class BufferScopeThreadLocalAccessor implements ThreadLocalAccessor<BufferScope> {

	/** Marks a {@code setValue} that attached nothing, so that restores stay paired. */
	private static final ScopeAttachment NOTHING_ATTACHED = () -> {
	};

	private final BufferManager bufferManager;

	private final String key;

	/**
	 * What each {@code setValue} on a thread attached, so that each restore undoes
	 * exactly one. Holds nothing between a snapshot's scopes.
	 */
	private final ThreadLocal<Deque<ScopeAttachment>> attachments = ThreadLocal.withInitial(ArrayDeque::new);

	public BufferScopeThreadLocalAccessor(BufferManager bufferManager) {
		Assert.notNull(bufferManager, "'bufferManager' must not be null");
		this.bufferManager = bufferManager;
		this.key = keyFor(bufferManager);
	}

	/**
	 * The context key of a manager's scope.
	 * @param bufferManager the manager
	 * @return {@code scratch-buffer.scope.} followed by the manager's name
	 */
	public static String keyFor(BufferManager bufferManager) {
		return BufferScopeContextKey.of(bufferManager);
	}

	@Override
	public Object key() {
		return this.key;
	}

	@Override
	public @Nullable BufferScope getValue() {
		return this.bufferManager.currentScope();
	}

	@Override
	public void setValue(BufferScope scope) {
		this.attachments.get().push(attach(scope));
	}

	/**
	 * Attaches a captured scope, or nothing: a scope of another manager of the same name
	 * (another application in this JVM) is not ours, and a scope that has closed since it
	 * was captured has nothing left to share. Closed is found by trying, not by asking
	 * first: the scope may close on another thread between the two (Reactor restores an
	 * exchange's context on the event loop after the exchange ended on a worker thread),
	 * and a throw here would escape into the server's completion listener and abort the
	 * connection's clean-up.
	 */
	private ScopeAttachment attach(BufferScope scope) {
		if (!this.bufferManager.owns(scope)) {
			return NOTHING_ATTACHED;
		}
		try {
			return this.bufferManager.attach(scope);
		}
		catch (IllegalStateException ex) {
			return NOTHING_ATTACHED;
		}
	}

	/**
	 * Asked to clear the value: a thread's own scopes cannot be hidden, so nothing is
	 * attached.
	 */
	@Override
	public void setValue() {
		this.attachments.get().push(NOTHING_ATTACHED);
	}

	@Override
	public void restore(BufferScope previousValue) {
		detachLast();
	}

	@Override
	public void restore() {
		detachLast();
	}

	private void detachLast() {
		ScopeAttachment attachment = this.attachments.get().poll();
		if (attachment != null) {
			attachment.close();
		}
	}

}
