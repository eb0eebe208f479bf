/**
 * Internals of the scratch buffer manager: the bounded pool, its counters and leak
 * tracking. Not an API.
 */
@NullMarked
package io.github.scratchbuffer.internal;

import org.jspecify.annotations.NullMarked;
