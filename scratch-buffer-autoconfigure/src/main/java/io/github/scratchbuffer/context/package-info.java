/**
 * Context propagation: carrying a scratch buffer scope across threads.
 */
@NullMarked
package io.github.scratchbuffer.context;

import org.jspecify.annotations.NullMarked;
