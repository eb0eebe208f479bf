package io.github.scratchbuffer;

import org.jspecify.annotations.Nullable;

/**
 * One thread's open scopes of one manager, linked innermost first through
 * {@link ScopedBuffer#parent}. Only its own thread reads or writes it.
 */
final class ScopeChain {

	@Nullable ScopedBuffer innermost;

}
