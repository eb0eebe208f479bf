/**
 * Micrometer metrics for the scratch buffer pool.
 */
@NullMarked
package io.github.scratchbuffer.metrics;

import org.jspecify.annotations.NullMarked;
