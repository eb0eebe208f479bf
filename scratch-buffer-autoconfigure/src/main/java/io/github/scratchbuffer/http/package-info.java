/**
 * HTTP bodies in scratch buffers: what both web stacks share.
 */
@NullMarked
package io.github.scratchbuffer.http;

import org.jspecify.annotations.NullMarked;
