/**
 * Scoped, reusable scratch byte buffers: {@link io.github.scratchbuffer.BufferManager},
 * {@link io.github.scratchbuffer.BufferScope} and
 * {@link io.github.scratchbuffer.ScratchBuffer}.
 */
@NullMarked
package io.github.scratchbuffer;

import org.jspecify.annotations.NullMarked;
