/**
 * Reactive web integration: a {@code WebFilter} that gives every exchange a scratch
 * buffer scope.
 */
@NullMarked
package io.github.scratchbuffer.web.reactive;

import org.jspecify.annotations.NullMarked;
