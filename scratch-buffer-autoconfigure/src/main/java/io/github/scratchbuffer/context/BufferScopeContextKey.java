package io.github.scratchbuffer.context;

import io.github.scratchbuffer.BufferManager;

/**
 * The key under which a {@link BufferManager}'s scope travels in a context: a Reactor
 * {@code Context}, a Micrometer context snapshot. One key per manager, so that two
 * managers' scopes never stand in for each other.
 *
 * @author scratch-buffer contributors
 * @since 0.1.0
 */
public final class BufferScopeContextKey {

	private static final String PREFIX = "scratch-buffer.scope.";

	private BufferScopeContextKey() {
	}

	/**
	 * The context key of a manager's scope.
	 * @param bufferManager the manager
	 * @return {@code scratch-buffer.scope.} followed by the manager's name
	 */
	public static String of(BufferManager bufferManager) {
		return PREFIX + bufferManager.name();
	}

}
