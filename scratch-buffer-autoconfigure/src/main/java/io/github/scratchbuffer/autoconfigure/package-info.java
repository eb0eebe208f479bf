/**
 * Auto-configuration for scratch buffers; the starter issue fills it in.
 */
@NullMarked
package io.github.scratchbuffer.autoconfigure;

import org.jspecify.annotations.NullMarked;
